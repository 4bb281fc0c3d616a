package org.imigateway.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.imigateway.config.ConfigException;
import org.imigateway.config.GatewayConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jmx.* keys: the connector's own port, and errors that name the key and the value. */
class OpsSettingsTest {

    @TempDir
    Path home;

    @Test
    void theConnectorTakesAnyFreePortOfJmxHostUnlessOneIsNamed() throws Exception {
        assertEquals(0, load("jmx.port=9099\njmx.password=x\n").jmxConnectorPort());
        assertEquals(9098, load("jmx.port=9099\njmx.connector.port=9098\njmx.password=x\n").jmxConnectorPort());
        assertEquals("127.0.0.1", load("jmx.port=9099\njmx.password=x\n").jmxHost());
    }

    @Test
    void theConnectorCannotShareTheRegistryPortOrBeOff() {
        ConfigException shared = assertThrows(ConfigException.class,
                () -> load("jmx.port=9099\njmx.connector.port=9099\njmx.password=x\n"));
        assertTrue(shared.getMessage().contains("jmx.connector.port=9099 is the registry's jmx.port"), shared.getMessage());
        ConfigException off = assertThrows(ConfigException.class,
                () -> load("jmx.port=9099\njmx.connector.port=-1\njmx.password=x\n"));
        assertTrue(off.getMessage().contains("jmx.connector.port=-1 is not a port"), off.getMessage());
    }

    @Test
    void anUnknownJmxHostIsNamed() {
        ConfigException unknown = assertThrows(ConfigException.class,
                () -> load("jmx.host=no-such-host.invalid\njmx.port=9099\njmx.password=x\n"));
        assertTrue(unknown.getMessage().contains("jmx.host=no-such-host.invalid is not a known address"), unknown.getMessage());
    }

    private OpsSettings load(String properties) throws Exception {
        Path file = home.resolve(GatewayConfig.FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, properties);
        return OpsSettings.load(home);
    }
}
