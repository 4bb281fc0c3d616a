package org.imigateway.store;

/** How many messages of one direction and status a party has: the sender for inbound, the receiver for outbound. */
public record MessageCount(Direction direction, MessageStatus status, String party, long count) {
}
