package org.imigateway.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

import org.imigateway.config.ConfigException;
import org.imigateway.store.Database;
import org.imigateway.store.TestStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The node registry on a real PostgreSQL database: one live node per id, a dead node's id free after its heartbeats stop. */
class NodeRegistryTest {

    private Database database;

    @BeforeEach
    void open() throws Exception {
        database = Database.open(TestStore.postgresDatabase());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aSecondNodeUnderALiveNodesIdIsRefusedNamingTheKey() throws Exception {
        try (NodeRegistry first = NodeRegistry.join(database, "node-1");
             NodeRegistry other = NodeRegistry.join(database, "node-2")) {
            ConfigException refused = assertThrows(ConfigException.class, () -> NodeRegistry.join(database, "node-1"));
            assertTrue(refused.getMessage().startsWith("cluster.nodeId=node-1 is in use by a live node on "),
                    refused.getMessage());
            assertEquals(2, rows());
        }
    }

    @Test
    void aCleanStopFreesTheIdAtOnce() throws Exception {
        NodeRegistry.join(database, "node-1").close();
        assertEquals(0, rows());
        NodeRegistry.join(database, "node-1").close();
    }

    @Test
    void theIdOfANodeWhoseHeartbeatStoppedIsTakenOver() throws Exception {
        // The row a node that died left: written directly, as no heartbeat will refresh it.
        database.inTransaction(c -> {
            try (PreparedStatement dead = c.prepareStatement("INSERT INTO cluster_node (node_id, instance, host, started,"
                    + " heartbeat) VALUES ('node-1', 'dead', 'elsewhere', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")) {
                return dead.executeUpdate();
            }
        });
        ConfigException refused = assertThrows(ConfigException.class, () -> NodeRegistry.join(database, "node-1"));
        assertTrue(refused.getMessage().contains("live node on elsewhere (heartbeat"), refused.getMessage());
        database.inTransaction(c -> {
            try (PreparedStatement age = c.prepareStatement("UPDATE cluster_node SET heartbeat = CURRENT_TIMESTAMP"
                    + " - INTERVAL '" + (NodeRegistry.STALE.toSeconds() + 1) + " seconds'")) {
                return age.executeUpdate();
            }
        });
        try (NodeRegistry restarted = NodeRegistry.join(database, "node-1")) {
            assertEquals(1, rows());
        }
    }

    @Test
    void aNodeRestartedRightAfterACrashOnTheSameMachineTakesItsIdBackAtOnce() throws Exception {
        Process crashed = new ProcessBuilder("true").start();
        crashed.waitFor();
        String here = java.net.InetAddress.getLocalHost().getHostName();
        long self = ProcessHandle.current().pid();
        assertTrue(NodeRegistry.diedOnThisMachine(here + " pid " + crashed.pid(), here + " pid " + self));
        assertFalse(NodeRegistry.diedOnThisMachine(here + " pid " + self, here + " pid " + self), "this very process");
        assertFalse(NodeRegistry.diedOnThisMachine("elsewhere pid " + crashed.pid(), here + " pid " + self),
                "another machine's process cannot be looked at");

        database.inTransaction(c -> {
            try (PreparedStatement dead = c.prepareStatement("INSERT INTO cluster_node (node_id, instance, host, started,"
                    + " heartbeat) VALUES ('node-1', 'crashed', ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")) {
                dead.setString(1, here + " pid " + crashed.pid());
                return dead.executeUpdate();
            }
        });
        try (NodeRegistry restarted = NodeRegistry.join(database, "node-1")) {
            assertEquals(1, rows());
        }
    }

    private int rows() throws Exception {
        return database.inTransaction(c -> {
            try (PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM cluster_node");
                 ResultSet result = count.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        });
    }
}
