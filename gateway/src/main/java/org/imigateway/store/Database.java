package org.imigateway.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.imigateway.config.ConfigException;
import org.imigateway.port.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;

/**
 * The database of the message log: embedded Derby in the home (the default) or a PostgreSQL
 * server ({@link DatabaseSettings}), the same SQL on both ({@link Dialect} holds what differs).
 * Opening it brings the schema up to date ({@link SchemaMigrations}); closing it closes the
 * connection pool and shuts embedded Derby down cleanly so the next start needs no recovery.
 * Every piece of work runs on a pooled connection of its own ({@link #inTransaction}), so any
 * number of threads may use it; beyond the pool's size they wait for a connection. Connections
 * are pooled because opening one, and preparing its statements again, was a measurable share of
 * the CPU each message cost (see the benchmarks module).
 */
public final class Database implements Transactions, AutoCloseable {

    /** How often a transaction that hit a lock timeout or deadlock is run before giving up. */
    private static final int LOCK_CONFLICT_ATTEMPTS = 8;
    /** How long a transaction waits for a free connection before it fails (and its sender retries). */
    private static final long CONNECTION_WAIT_MILLIS = 30_000;

    /** PostgreSQL refused the credentials: invalid password (28P01), invalid authorization (28000). */
    private static final Set<String> REFUSED_LOGIN = Set.of("28P01", "28000");
    /** PostgreSQL knows no database of that name. */
    private static final String NO_SUCH_DATABASE = "3D000";

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final DatabaseSettings settings;
    private final Optional<Path> folder;
    private final HikariDataSource pool;
    private volatile boolean closed;

    private Database(DatabaseSettings settings, Optional<Path> folder, HikariDataSource pool) {
        this.settings = settings;
        this.folder = folder;
        this.pool = pool;
    }

    /**
     * Opens (creating if needed) the embedded Derby database in {@code folder} and applies the
     * schema migrations it lacks.
     *
     * @throws StoreException when the database cannot be opened, for instance because another
     *         process uses it, or when it was written by a newer version of the gateway
     */
    public static Database open(Path folder) {
        try {
            return open(DatabaseSettings.derby(folder));
        } catch (ConfigException e) {
            throw new StoreException(e.getMessage(), e);
        }
    }

    /**
     * Opens the database the settings name and applies the schema migrations it lacks.
     *
     * @throws ConfigException when the settings do not lead to a usable database: a server that
     *         cannot be reached, credentials it refuses, a database that does not exist; the
     *         message names the key to change
     * @throws StoreException when the database is there but cannot be used (another process has
     *         the Derby folder, a schema written by a newer gateway)
     */
    public static Database open(DatabaseSettings settings) throws ConfigException {
        Dialect dialect = settings.dialect();
        Optional<Path> folder = Optional.empty();
        if (dialect == Dialect.DERBY) {
            // Durability "test" skips the syncs that make a commit survive a crash (invariant 1).
            if ("test".equalsIgnoreCase(System.getProperty("derby.system.durability"))) {
                throw new StoreException("derby.system.durability=test is set: commits would not survive a crash;"
                        + " remove that system property");
            }
            Path absolute = Path.of(settings.url().substring("jdbc:derby:".length()));
            if (absolute.toString().contains(";")) {
                throw new StoreException("the database folder " + absolute + " contains ';', which a Derby URL cannot hold");
            }
            DerbyLog.install();
            createDerby(absolute);
            folder = Optional.of(absolute);
        }
        Database database = new Database(settings, folder, pool(settings));
        LOG.info("database open at {}", settings.where());
        try {
            SchemaMigrations.migrate(database);
        } catch (SQLException | RuntimeException e) {
            database.close();
            if (e instanceof StoreException store) {
                throw store;
            }
            throw new StoreException("the schema of the database at " + settings.where() + " cannot be brought up to date: "
                    + (e instanceof SQLException sql ? Jdbc.describe(sql) : e.getMessage()), e);
        }
        return database;
    }

    private static void createDerby(Path folder) {
        try {
            // Derby refuses to create a database in a folder that exists, even an empty one.
            if (Files.isDirectory(folder) && isEmpty(folder)) {
                Files.delete(folder);
            }
            Files.createDirectories(folder.getParent());
            DriverManager.getConnection("jdbc:derby:" + folder + ";create=true").close();
        } catch (SQLException e) {
            throw new StoreException("cannot open the Derby database at " + folder + ": " + Jdbc.describe(e), e);
        } catch (IOException e) {
            throw new StoreException("cannot open the Derby database at " + folder + ": " + e.getMessage(), e);
        }
    }

    private static HikariDataSource pool(DatabaseSettings settings) throws ConfigException {
        HikariConfig config = new HikariConfig();
        config.setPoolName("imi-store");
        config.setJdbcUrl(settings.url());
        if (!settings.user().isEmpty()) {
            config.setUsername(settings.user());
            config.setPassword(settings.password());
        }
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(2, settings.poolSize()));
        config.setAutoCommit(false);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.setConnectionTimeout(CONNECTION_WAIT_MILLIS);
        // Fail at start, naming the setting, rather than at the first message.
        config.setInitializationFailTimeout(1);
        try {
            return new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            throw refused(settings, e.getCause() instanceof SQLException sql ? sql : new SQLException(e.getMessage(), e));
        }
    }

    /** Why the database refused a first connection, as the setting to change. */
    private static ConfigException refused(DatabaseSettings settings, SQLException e) {
        String state = Optional.ofNullable(e.getSQLState()).orElse("");
        String detail = Jdbc.describe(e);
        if (REFUSED_LOGIN.contains(state)) {
            return new ConfigException(DatabaseSettings.PASSWORD + " (or " + DatabaseSettings.USER + "=" + settings.user()
                    + "): the database at " + settings.where() + " refused the login: " + detail, e);
        }
        if (NO_SUCH_DATABASE.equals(state)) {
            return new ConfigException(DatabaseSettings.URL + "=" + settings.where() + ": no such database on that server ("
                    + detail + "); create it first", e);
        }
        if (state.startsWith("08")) {
            return new ConfigException(DatabaseSettings.URL + "=" + settings.where() + ": the database cannot be reached: "
                    + detail, e);
        }
        if (settings.dialect() == Dialect.DERBY) {
            throw new StoreException("cannot open the Derby database at " + settings.where() + ": " + detail, e);
        }
        return new ConfigException(DatabaseSettings.URL + "=" + settings.where() + ": cannot open the database: " + detail, e);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    /** The folder of an embedded Derby database; empty for PostgreSQL. */
    public Optional<Path> folder() {
        return folder;
    }

    /** Where the database is, for messages. */
    public String where() {
        return settings.where();
    }

    Dialect dialect() {
        return settings.dialect();
    }

    /** Whether this is a PostgreSQL server, which several gateway nodes can share (embedded Derby admits one process). */
    public boolean isShared() {
        return settings.dialect() == Dialect.POSTGRESQL;
    }

    /**
     * A connection of its own, outside the pool and in auto-commit, for a session that must live
     * as long as its holder does (a PostgreSQL advisory lock ends with its session); the caller
     * closes it.
     */
    public Connection openSession() throws SQLException {
        if (closed) {
            throw new IllegalStateException("the database at " + settings.where() + " is closed");
        }
        java.util.Properties login = new java.util.Properties();
        if (!settings.user().isEmpty()) {
            login.setProperty("user", settings.user());
            login.setProperty("password", settings.password());
        }
        // Keep-alive probes let the server notice a peer whose machine vanished, and end its session.
        login.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(settings.url(), login);
    }

    @Override
    public <T> T inTransaction(String what, Work<T> work) {
        try {
            return inTransaction(work);
        } catch (SQLException e) {
            throw new StoreException(what + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code work} in one transaction on a connection of its own: committed when it
     * returns, rolled back when it throws.
     */
    @Override
    public <T> T inTransaction(Work<T> work) throws SQLException {
        for (int attempt = 1;; attempt++) {
            try (Connection connection = connection()) {
                try {
                    T result = work.run(connection);
                    connection.commit();
                    return result;
                } catch (SQLException e) {
                    rollback(connection, e);
                    // Under load, row and identity-generator locks time out or deadlock;
                    // the work is a whole transaction, so running it again is safe.
                    if (!Jdbc.isLockConflict(e) || attempt >= LOCK_CONFLICT_ATTEMPTS) {
                        throw e;
                    }
                    LOG.debug("transaction lost a lock race (attempt {}): {}", attempt, Jdbc.describe(e));
                } catch (RuntimeException | Error e) {
                    rollback(connection, e);
                    throw e;
                }
            }
            sleepBeforeRetry(attempt);
        }
    }

    private static void sleepBeforeRetry(int attempt) throws SQLException {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(20, 100L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting to retry a transaction", e);
        }
    }

    /** A pooled connection; closing it gives it back. */
    Connection connection() throws SQLException {
        if (closed) {
            throw new IllegalStateException("the database at " + settings.where() + " is closed");
        }
        return pool.getConnection();
    }

    private static void rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** Closes the pool, then shuts embedded Derby down (this database, not the engine). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        pool.close();
        LOG.info("database at {}: {}", settings.where(), settings.dialect().closed(settings.url()));
    }
}
