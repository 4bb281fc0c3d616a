package org.imigateway.store;

/** A status change the state machine of {@link MessageStatus} does not allow. */
public final class IllegalTransitionException extends StoreException {

    private final String messageId;
    private final MessageStatus from;
    private final MessageStatus to;

    public IllegalTransitionException(String messageId, Direction direction, MessageStatus from, MessageStatus to) {
        super(direction + " message " + messageId + " cannot move from " + from + " to " + to
                + (from.next().isEmpty() ? " (" + from + " is final)" : " (allowed from " + from + ": " + from.next() + ")"));
        this.messageId = messageId;
        this.from = from;
        this.to = to;
    }

    public String messageId() {
        return messageId;
    }

    public MessageStatus from() {
        return from;
    }

    public MessageStatus to() {
        return to;
    }
}
