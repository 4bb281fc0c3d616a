package org.imigateway.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.imigateway.config.ConfigException;
import org.imigateway.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's row in {@code cluster_node}: claimed at start, its heartbeat refreshed every
 * {@link #HEARTBEAT}, removed at a clean stop. A node may not start under an id whose row has a
 * heartbeat younger than {@link #STALE}: each id owns the node's payload staging folder, which
 * the node settles at start as if it were alone. Ages are measured by the database's clock.
 */
public final class NodeRegistry implements AutoCloseable {

    static final Duration HEARTBEAT = Duration.ofSeconds(5);
    /** Three heartbeats missed: the node is dead (or cut off) and its id free again. */
    static final Duration STALE = HEARTBEAT.multipliedBy(3);

    /** Both inserted the id; the other committed first. */
    private static final String UNIQUE_VIOLATION = "23505";

    private static final Logger LOG = LoggerFactory.getLogger(NodeRegistry.class);

    private final Database database;
    private final String nodeId;
    private final String instance = UUID.randomUUID().toString();
    private final ScheduledExecutorService timer;

    private NodeRegistry(Database database, String nodeId) {
        this.database = database;
        this.nodeId = nodeId;
        this.timer = DaemonTimer.named("cluster-heartbeat");
    }

    /**
     * Claims {@code nodeId} and starts the heartbeat.
     *
     * @throws ConfigException when a live node has the id, naming {@code cluster.nodeId}
     */
    public static NodeRegistry join(Database database, String nodeId) throws ConfigException {
        NodeRegistry registry = new NodeRegistry(database, nodeId);
        registry.claim();
        registry.timer.scheduleWithFixedDelay(registry::beat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(),
                TimeUnit.MILLISECONDS);
        LOG.info("cluster node {} joined the database at {}", nodeId, database.where());
        return registry;
    }

    private void claim() throws ConfigException {
        String host = hostName();
        String holder;
        try {
            holder = database.inTransaction(c -> {
                try (PreparedStatement find = c.prepareStatement("SELECT host, EXTRACT(EPOCH FROM (CURRENT_TIMESTAMP"
                        + " - heartbeat)) FROM cluster_node WHERE node_id = ? FOR UPDATE")) {
                    find.setString(1, nodeId);
                    try (ResultSet row = find.executeQuery()) {
                        if (row.next()) {
                            double age = row.getDouble(2);
                            if (age < STALE.toSeconds() && !diedOnThisMachine(row.getString(1), host)) {
                                return row.getString(1) + " (heartbeat " + Math.round(Math.max(age, 0)) + " s ago)";
                            }
                            update(c, "UPDATE cluster_node SET instance = ?, host = ?, started = CURRENT_TIMESTAMP,"
                                    + " heartbeat = CURRENT_TIMESTAMP WHERE node_id = ?", instance, host, nodeId);
                            return null;
                        }
                    }
                }
                update(c, "INSERT INTO cluster_node (instance, host, node_id, started, heartbeat) VALUES (?, ?, ?,"
                        + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", instance, host, nodeId);
                return null;
            });
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                holder = "another node starting at the same moment";  // both inserted; the other committed first
            } else {
                throw new ConfigException(ClusterSettings.NODE_ID + "=" + nodeId + ": the node cannot be registered"
                        + " in the database at " + database.where() + ": " + e.getMessage(), e);
            }
        }
        if (holder != null) {
            throw new ConfigException(ClusterSettings.NODE_ID + "=" + nodeId + " is in use by a live node on " + holder
                    + "; give every node an id of its own, or, if that node has just died, start again after "
                    + STALE.toSeconds() + " s");
        }
    }

    private static void update(Connection c, String sql, String... values) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setString(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }

    private void beat() {
        // Whatever goes wrong must not end the timer: a scheduled task that throws is never run again.
        try {
            int rows = database.inTransaction(c -> {
                try (PreparedStatement beat = c.prepareStatement("UPDATE cluster_node SET heartbeat = CURRENT_TIMESTAMP"
                        + " WHERE node_id = ? AND instance = ?")) {
                    beat.setString(1, nodeId);
                    beat.setString(2, instance);
                    return beat.executeUpdate();
                }
            });
            if (rows == 0) {
                LOG.error("cluster node {}: another start has taken this node id (our heartbeat was missed for {} s);"
                        + " two nodes now run under one id: stop one", nodeId, STALE.toSeconds());
            }
        } catch (Throwable e) {
            LOG.warn("cluster node {}: heartbeat failed: {}", nodeId, e.toString());
        }
    }

    /**
     * Whether the node that wrote {@code holder} ("host pid N") ran on this machine and its
     * process is gone: a node restarted right after a crash (kill -9, systemd's restart) takes its
     * id back at once instead of waiting for the heartbeat to age.
     */
    static boolean diedOnThisMachine(String holder, String self) {
        int mark = holder.lastIndexOf(" pid ");
        int ours = self.lastIndexOf(" pid ");
        if (mark < 0 || ours < 0 || !holder.substring(0, mark).equals(self.substring(0, ours))) {
            return false;
        }
        try {
            long pid = Long.parseLong(holder.substring(mark + 5).trim());
            return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName() + " pid " + ProcessHandle.current().pid();
        } catch (UnknownHostException e) {
            return "pid " + ProcessHandle.current().pid();
        }
    }

    public String nodeId() {
        return nodeId;
    }

    /** Stops the heartbeat and frees the id at once, so the node can start again without waiting. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            database.inTransaction(c -> {
                try (PreparedStatement leave = c.prepareStatement("DELETE FROM cluster_node WHERE node_id = ?"
                        + " AND instance = ?")) {
                    leave.setString(1, nodeId);
                    leave.setString(2, instance);
                    return leave.executeUpdate();
                }
            });
        } catch (SQLException | RuntimeException e) {
            LOG.warn("cluster node {}: cannot remove its row ({}); its id is free again after {} s", nodeId, e.toString(),
                    STALE.toSeconds());
        }
    }
}
