package org.imigateway.store;

/**
 * Told of a message's status change once it is committed, on the committing thread: a listener
 * must return quickly and must not throw. Lets a process that embeds the gateway (the
 * benchmark driver) wait for outcomes without querying the message log.
 */
@FunctionalInterface
public interface StatusListener {

    void changed(String messageId, Direction direction, MessageStatus to);
}
