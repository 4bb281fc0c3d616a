package org.imigateway.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.imigateway.config.ConfigException;
import org.imigateway.config.GatewayConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code broker.maxDiskUsage}: read for the embedded broker, refused when wrong or beside {@code broker.url}. */
class BrokersTest {

    @TempDir
    Path dir;

    @Test
    void theEmbeddedBrokerRunsWithTheMaxDiskUsageOfTheHome() throws Exception {
        try (Broker broker = Brokers.open(home("broker.maxDiskUsage = 97\n"), "disk-97", dir.resolve("a"))) {
            assertEquals(97, assertInstanceOf(EmbeddedBroker.class, broker).settings().maxDiskUsage());
        }
        try (Broker broker = Brokers.open(home(""), "disk-default", dir.resolve("b"))) {
            assertEquals(BrokerSettings.DEFAULT_MAX_DISK_USAGE, ((EmbeddedBroker) broker).settings().maxDiskUsage());
        }
    }

    @Test
    void aValueThatIsNoPercentageOrBesideAnExternalBrokerIsRefusedNamingTheKey() throws Exception {
        for (String value : new String[] {"0", "101", "-1", "ninety", "90%", ""}) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> Brokers.open(home("broker.maxDiskUsage=" + value + "\n"), "refused", dir.resolve("c")), value);
            assertTrue(e.getMessage().contains("broker.maxDiskUsage=" + value + " is not a percentage from 1 to 100"),
                    e.getMessage());
        }
        ConfigException e = assertThrows(ConfigException.class, () -> Brokers.open(home(
                "broker.url=tcp://127.0.0.1:61616\nbroker.user=imi\nbroker.password=x\nbroker.maxDiskUsage=95\n"),
                "external", dir.resolve("d")));
        assertTrue(e.getMessage().contains("broker.maxDiskUsage is for the embedded broker"), e.getMessage());
        assertTrue(!Files.exists(dir.resolve("c")) && !Files.exists(dir.resolve("d")), "no broker was started");
    }

    private Path home(String properties) throws Exception {
        Path home = Files.createTempDirectory(dir, "home");
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve(GatewayConfig.FILE), properties);
        return home;
    }
}
