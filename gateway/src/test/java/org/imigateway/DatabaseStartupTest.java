package org.imigateway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.imigateway.config.ConfigException;
import org.imigateway.config.GatewayConfig;
import org.imigateway.testsupport.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A gateway whose database.* settings lead nowhere does not start, and says which key to change. */
class DatabaseStartupTest {

    @TempDir
    Path dir;

    @Test
    void aGatewayWithAWrongDatabasePasswordRefusesToStartNamingTheKey() throws Exception {
        PostgresServer server = PostgresServer.get();
        try (TestNetwork network = TestNetwork.create(dir.resolve("net"), "gw-a")) {
            Path home = network.plan().home("gw-a");
            Files.writeString(home.resolve(GatewayConfig.FILE), "\ndatabase.url=" + server.url("postgres")
                    + "\ndatabase.user=gateway\ndatabase.password=wrong\n", StandardOpenOption.APPEND);

            ConfigException refused = assertThrows(ConfigException.class, () -> network.start("gw-a"));

            assertTrue(refused.getMessage().startsWith("database.password"), refused.getMessage());
            assertFalse(Files.exists(home.resolve("data/derby")), "no Derby database made instead");
        }
    }

    @Test
    void aDerbyHomeNamingAUserIsRefusedBeforeAnythingStarts() throws Exception {
        try (TestNetwork network = TestNetwork.create(dir.resolve("net"), "gw-a")) {
            Path home = network.plan().home("gw-a");
            Files.writeString(home.resolve(GatewayConfig.FILE), "\ndatabase.user=imi\n", StandardOpenOption.APPEND);

            ConfigException refused = assertThrows(ConfigException.class, () -> network.start("gw-a"));

            assertTrue(refused.getMessage().contains("database.user is set but database.url is not"), refused.getMessage());
        }
    }
}
