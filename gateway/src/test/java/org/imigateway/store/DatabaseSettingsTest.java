package org.imigateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Properties;

import org.imigateway.config.ConfigException;
import org.imigateway.testsupport.PostgresServer;
import org.junit.jupiter.api.Test;

/** database.* in gateway.properties: the default, and a clear error naming the key for each mistake. */
class DatabaseSettingsTest {

    private static final Path FILE = Path.of("home/config/gateway.properties");
    private static final Path DATA = Path.of("/srv/gw/data");

    @Test
    void withoutAUrlTheStoreIsEmbeddedDerbyInTheDataFolder() throws Exception {
        DatabaseSettings settings = DatabaseSettings.load(FILE, new Properties(), DATA);
        assertEquals("jdbc:derby:/srv/gw/data/derby", settings.url());
        assertEquals(Dialect.DERBY, settings.dialect());
        assertEquals(DatabaseSettings.DEFAULT_POOL_SIZE, settings.poolSize());
    }

    @Test
    void aPostgresqlUrlWithItsUserAndPoolSizeIsTaken() throws Exception {
        DatabaseSettings settings = DatabaseSettings.load(FILE, properties("database.url", "jdbc:postgresql://db:5432/imi",
                "database.user", "imi", "database.password", "s3cret", "database.poolSize", "40"), DATA);
        assertEquals(Dialect.POSTGRESQL, settings.dialect());
        assertEquals(40, settings.poolSize());
        assertTrue(!settings.toString().contains("s3cret"), "the password stays out of logs: " + settings);
    }

    @Test
    void badValuesAreNamedWithTheirKey() {
        assertRefused("database.poolSize=many is not a number", "database.poolSize", "many");
        assertRefused("database.poolSize=0 must be between 1 and 1000", "database.poolSize", "0");
        assertRefused("database.url=jdbc:mysql://db/imi is not a PostgreSQL URL", "database.url", "jdbc:mysql://db/imi",
                "database.user", "imi");
        assertRefused("database.user is required with database.url=jdbc:postgresql://db/imi", "database.url",
                "jdbc:postgresql://db/imi");
        assertRefused("database.user is set but database.url is not", "database.user", "imi");
        assertRefused("database.password is set but database.url is not", "database.password", "x");
    }

    @Test
    void anUnreachableDatabaseIsNamedByItsUrl() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/imi?connectTimeout=5";
        ConfigException refused = assertThrows(ConfigException.class,
                () -> Database.open(DatabaseSettings.postgresql(url, "imi", "x", 2)));
        assertTrue(refused.getMessage().startsWith("database.url=" + url + ": the database cannot be reached"),
                refused.getMessage());
    }

    @Test
    void aWrongPasswordIsNamedAsThePassword() {
        PostgresServer server = PostgresServer.get();
        ConfigException refused = assertThrows(ConfigException.class, () -> Database.open(DatabaseSettings.postgresql(
                server.url("postgres"), PostgresServer.USER, "not-" + server.password(), 2)));
        assertTrue(refused.getMessage().startsWith("database.password (or database.user=gateway): the database at "
                + server.url("postgres") + " refused the login"), refused.getMessage());
    }

    @Test
    void aMissingDatabaseIsNamedByItsUrl() {
        PostgresServer server = PostgresServer.get();
        ConfigException refused = assertThrows(ConfigException.class, () -> Database.open(DatabaseSettings.postgresql(
                server.url("no_such_db"), PostgresServer.USER, server.password(), 2)));
        assertTrue(refused.getMessage().startsWith("database.url=" + server.url("no_such_db") + ": no such database"),
                refused.getMessage());
    }

    private static void assertRefused(String expected, String... keysAndValues) {
        ConfigException refused = assertThrows(ConfigException.class,
                () -> DatabaseSettings.load(FILE, properties(keysAndValues), DATA));
        assertTrue(refused.getMessage().contains(FILE + ": " + expected), refused.getMessage());
    }

    private static Properties properties(String... keysAndValues) {
        Properties p = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            p.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return p;
    }
}
