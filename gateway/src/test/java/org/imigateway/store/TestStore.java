package org.imigateway.store;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.imigateway.testsupport.PostgresServer;

/**
 * The two databases the store runs on, for tests parameterised over both: each gives a new,
 * empty database that can be opened, closed and opened again.
 */
public enum TestStore {

    DERBY {
        @Override
        public DatabaseSettings fresh(Path temp) {
            return DatabaseSettings.derby(temp.resolve("derby-" + COUNT.incrementAndGet()));
        }
    },
    POSTGRESQL {
        @Override
        public DatabaseSettings fresh(Path temp) {
            return postgresDatabase();
        }
    };

    /** A new, empty database on the PostgreSQL server of this JVM (started on first use). */
    public static DatabaseSettings postgresDatabase() {
        PostgresServer.Login login = PostgresServer.get().newDatabase();
        return DatabaseSettings.postgresql(login.url(), login.user(), login.password(), DatabaseSettings.DEFAULT_POOL_SIZE);
    }

    private static final AtomicInteger COUNT = new AtomicInteger();

    /** A new, empty database; a Derby one in a folder under {@code temp}. */
    public abstract DatabaseSettings fresh(Path temp);

    /**
     * Points a gateway home at a new, empty database of this kind: for PostgreSQL its
     * {@code database.*} keys; a Derby home needs none (the default).
     */
    public void configure(Path home) throws java.io.IOException {
        if (this == DERBY) {
            return;
        }
        DatabaseSettings settings = fresh(home);
        java.nio.file.Files.writeString(home.resolve(org.imigateway.config.GatewayConfig.FILE), "\n"
                + DatabaseSettings.URL + "=" + settings.url() + "\n"
                + DatabaseSettings.USER + "=" + settings.user() + "\n"
                + DatabaseSettings.PASSWORD + "=" + settings.password() + "\n",
                java.nio.file.StandardOpenOption.APPEND);
    }

    /** Opens a new, empty database. */
    public Database open(Path temp) throws Exception {
        return Database.open(fresh(temp));
    }
}
