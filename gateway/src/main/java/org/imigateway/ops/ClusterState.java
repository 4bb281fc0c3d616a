package org.imigateway.ops;

/** This node's place in a cluster, as operators see it: its id and whether it runs the once-only timers. */
public interface ClusterState {

    /** A gateway on its own: no node id, and it runs its timers. */
    ClusterState SINGLE = new ClusterState() {
        @Override
        public String nodeId() {
            return "";
        }

        @Override
        public boolean holdsTimers() {
            return true;
        }
    };

    /** {@code cluster.nodeId}; empty when the gateway is not clustered. */
    String nodeId();

    /** Whether the recovery, retention, overdue and public-recovery timers run on this node. */
    boolean holdsTimers();

    default boolean clustered() {
        return !nodeId().isEmpty();
    }
}
