package org.imigateway.store;

/** Which way a message travels through this gateway. */
public enum Direction {
    /** Received from another access point, to be delivered to a backend here. */
    INBOUND,
    /** Submitted here, to be sent to another access point. */
    OUTBOUND
}
