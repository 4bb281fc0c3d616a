package org.imigateway.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.imigateway.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClusterSettingsTest {

    @TempDir
    Path home;

    private Properties clustered() throws Exception {
        Properties p = new Properties();
        p.setProperty("database.url", "jdbc:postgresql://127.0.0.1:5432/imi");
        p.setProperty("broker.url", "tcp://127.0.0.1:61616");
        p.setProperty("cluster.enabled", "true");
        p.setProperty("cluster.nodeId", "node-1");
        p.setProperty("cluster.sharedDir", Files.createDirectories(home.resolve("shared")).toString());
        return p;
    }

    private String refusal(Properties p) {
        return assertThrows(ConfigException.class, () -> ClusterSettings.load(home, p, home.resolve("data"))).getMessage();
    }

    @Test
    void withoutClusterKeysTheGatewayIsAloneWithItsDataFolderShared() throws Exception {
        ClusterSettings alone = ClusterSettings.load(home, new Properties(), home.resolve("data"));
        assertFalse(alone.enabled());
        assertEquals("", alone.nodeId());
        assertEquals(home.resolve("data"), alone.sharedDir());
    }

    @Test
    void aCompleteNodeIsClusteredUnderItsIdAndSharedFolder() throws Exception {
        ClusterSettings node = ClusterSettings.load(home, clustered(), home.resolve("data"));
        assertTrue(node.enabled());
        assertEquals("node-1", node.nodeId());
        assertEquals(home.resolve("shared"), node.sharedDir());
    }

    @Test
    void clusteringOnDerbyIsRefusedNamingDatabaseUrl() throws Exception {
        Properties p = clustered();
        p.remove("database.url");
        assertTrue(refusal(p).contains("cluster.enabled=true needs database.url"), refusal(p));
    }

    @Test
    void clusteringWithTheEmbeddedBrokerIsRefusedNamingBrokerUrl() throws Exception {
        Properties p = clustered();
        p.remove("broker.url");
        assertTrue(refusal(p).contains("cluster.enabled=true needs broker.url"), refusal(p));
    }

    @Test
    void aMissingNodeIdIsRefused() throws Exception {
        Properties p = clustered();
        p.remove("cluster.nodeId");
        assertTrue(refusal(p).contains("cluster.nodeId is required with cluster.enabled=true"), refusal(p));
    }

    @ParameterizedTest
    @ValueSource(strings = {"node 1", "-node", "node/1", "nöde", "n23456789012345678901234567890123456789012345678901234567890123456"})
    void aMalformedNodeIdIsRefusedNamingKeyAndValue(String id) throws Exception {
        Properties p = clustered();
        p.setProperty("cluster.nodeId", id);
        assertTrue(refusal(p).contains("cluster.nodeId=" + id + " is not a node id"), refusal(p));
    }

    @Test
    void aSharedFolderThatIsNotThereIsRefusedNotCreated() throws Exception {
        Properties p = clustered();
        p.setProperty("cluster.sharedDir", "mnt/shared");
        assertTrue(refusal(p).contains("cluster.sharedDir=mnt/shared: "), refusal(p));
        assertFalse(Files.exists(home.resolve("mnt")), "a missing mount is not replaced by a local folder");
    }

    @Test
    void clusterKeysWithoutClusteringAreRefused() throws Exception {
        Properties p = clustered();
        p.remove("cluster.enabled");
        assertTrue(refusal(p).contains("cluster.nodeId is set but cluster.enabled is not true"), refusal(p));
        p.setProperty("cluster.enabled", "yes");
        assertTrue(refusal(p).contains("cluster.enabled=yes must be true or false"), refusal(p));
    }
}
