package org.imigateway.broker;

import java.util.regex.Pattern;

import org.apache.activemq.artemis.api.core.ActiveMQDuplicateIdException;
import org.apache.activemq.artemis.api.core.Message;

/**
 * Names of the gateway's durable queues. Each queue sits on an anycast address of the same name,
 * so a JMS client addresses it simply as {@code session.createQueue(Queues.INBOUND)}.
 */
public final class Queues {

    /** Accepted AS4 messages, enqueued before the receipt is sent (DESIGN invariant 1). */
    public static final String INBOUND = "imi.inbound";

    /** Messages to send to another access point. */
    public static final String OUTBOUND = "imi.outbound";

    /** Dead-letter address and queue: where a message lands after the last failed delivery attempt. */
    public static final String DEAD_LETTER = "imi.dlq";

    /** Prefix of the per-backend delivery queues, see {@link #delivery(String)}. */
    /** The message property every gateway queue message carries: the ebMS MessageId it is about. */
    public static final String MESSAGE_ID_PROPERTY = "ebmsMessageId";

    public static final String DELIVERY_PREFIX = "imi.delivery.";

    /**
     * String property that Artemis uses for duplicate detection ({@code _AMQ_DUPL_ID}). Producers set it
     * to the ebMS MessageId so that a repeated send of the same message is stored once only.
     */
    public static final String DUPLICATE_ID_PROPERTY = Message.HDR_DUPLICATE_DETECTION_ID.toString();

    // Artemis reads '.', '#' and '*' in names as wildcards for address settings and "::" as a
    // fully-qualified-queue separator: keep backend names to plain word characters.
    private static final Pattern BACKEND_NAME = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    private Queues() {
    }

    /**
     * Whether a send or commit failed because the broker already had a message with the same
     * {@link #DUPLICATE_ID_PROPERTY} on that address. Only transacted sends fail so (every Camel send, and a
     * JMS commit); a non-transacted JMS send of a duplicate returns normally and the copy is dropped.
     */
    public static boolean isDuplicateRejection(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ActiveMQDuplicateIdException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /**
     * The delivery queue of one backend, {@code imi.delivery.<backend>}.
     *
     * @throws IllegalArgumentException when the name has characters other than letters, digits, '-' and '_'
     */
    public static String delivery(String backend) {
        if (backend == null || !BACKEND_NAME.matcher(backend).matches()) {
            throw new IllegalArgumentException("Backend name '" + backend
                    + "' is not usable in a queue name: use 1 to 100 letters, digits, '-' or '_'");
        }
        return DELIVERY_PREFIX + backend;
    }
}
