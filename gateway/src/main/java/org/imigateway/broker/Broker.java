package org.imigateway.broker;

import java.util.Optional;

import jakarta.jms.ConnectionFactory;

/**
 * The message broker a gateway queues its work on: the embedded one ({@link EmbeddedBroker}, the
 * default) or an external Artemis live/backup pair ({@link ExternalBroker}, {@code broker.url}).
 * Both run the same address settings (redelivery, dead letters, duplicate ids, no expiry), so the
 * routes cannot tell them apart.
 */
public interface Broker extends AutoCloseable {

    /**
     * The connection factory the routes and JMS backends use. Always the same instance: Spring's JMS
     * transaction support finds the session of a running transaction by this key.
     */
    ConnectionFactory connectionFactory();

    /** Creates the durable queue {@code imi.delivery.<backend>} unless it exists, and returns its name. */
    default String ensureDeliveryQueue(String backend) {
        return ensureQueue(Queues.delivery(backend));
    }

    /** Creates a durable anycast queue of this name (on an address of the same name) unless it exists. */
    String ensureQueue(String queue);

    /**
     * Messages in the queue, counting those waiting for a redelivery delay and those being delivered.
     *
     * @throws IllegalArgumentException when there is no such queue
     */
    long messageCount(String queue);

    /**
     * Moves the messages that carry this gateway MessageId from one queue to another, scheduled ones
     * included; returns how many moved.
     */
    int moveMessages(String from, String messageId, String to);

    /** Removes every message from the queue; returns how many were removed. */
    int purge(String queue);

    /**
     * Whether a message sent now to this queue's address under this duplicate-detection id would be
     * dropped as a duplicate, because the broker's duplicate-id cache for the address holds the id.
     * False when the broker cannot be asked (an external broker: its management API has no look-up
     * in the cache); the send then goes ahead and the broker drops the copy.
     */
    default boolean holdsDuplicateId(String queue, String duplicateId) {
        return false;
    }

    /** Whether the broker can take messages now: started (embedded) or connected (external). */
    boolean isStarted();

    /**
     * Why the running broker takes no messages now (its disk above {@code max-disk-usage}), so that
     * a producer waits; empty when it takes them, or when this side cannot tell (an external broker
     * says so only by holding the producer).
     */
    default Optional<String> blocked() {
        return Optional.empty();
    }

    /** Which broker answers now, for operators: of a live/backup pair, the one that is live. */
    default String live() {
        return "the embedded broker";
    }

    /** Stops the broker or the connection to it. Calling it again does nothing. */
    void stop();

    @Override
    default void close() {
        stop();
    }
}
