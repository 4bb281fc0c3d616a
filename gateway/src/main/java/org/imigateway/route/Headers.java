package org.imigateway.route;

/** Camel/JMS headers of the gateway's queue messages; the body is the MessageId alone. */
public final class Headers {

    /** The ebMS MessageId the queue message stands for. */
    public static final String MESSAGE_ID = org.imigateway.broker.Queues.MESSAGE_ID_PROPERTY;
    /**
     * On {@code imi.inbound}: the authority a received message is for (its finalRecipient, else its
     * To party), set by the hand-off so that dispatch need not read it back; recovery's copies lack it.
     */
    public static final String AUTHORITY = "imiAuthority";
    /** Epoch milliseconds of the next send attempt, set when a retry is due. */
    public static final String RETRY_AT = "imiRetryAt";
    /** Artemis schedules delivery of a message for this epoch-millisecond time. */
    public static final String SCHEDULED_DELIVERY = "_AMQ_SCHED_DELIVERY";

    private Headers() {
    }
}
