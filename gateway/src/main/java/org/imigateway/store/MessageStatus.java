package org.imigateway.store;

import java.util.EnumSet;
import java.util.Set;

/**
 * The states a message moves through, as a backend sees them. Each status belongs to one
 * direction; {@link #canMoveTo} is the whole state machine, and the message log refuses every
 * move it does not allow.
 */
public enum MessageStatus {

    /** Queued to be sent (again); the state in which a POST is made. */
    SEND_ENQUEUED(Direction.OUTBOUND),
    /** The last POST failed; another one is planned. */
    WAITING_FOR_RETRY(Direction.OUTBOUND),
    /** A valid receipt came back: done. */
    ACKNOWLEDGED(Direction.OUTBOUND),
    /** Given up; an operator may enqueue it again. */
    SEND_FAILURE(Direction.OUTBOUND),
    /** Stored and receipted, not yet handed to a backend. */
    RECEIVED(Direction.INBOUND),
    /** Handed to a backend, which has it durably. */
    DELIVERED(Direction.INBOUND),
    /** The backend says it has fetched and processed it. */
    DOWNLOADED(Direction.INBOUND);

    private final Direction direction;

    MessageStatus(Direction direction) {
        this.direction = direction;
    }

    public Direction direction() {
        return direction;
    }

    /** The status a new message of this direction starts in. */
    public static MessageStatus initial(Direction direction) {
        return direction == Direction.OUTBOUND ? SEND_ENQUEUED : RECEIVED;
    }

    /** The statuses this one may move to; empty for final ones. */
    public Set<MessageStatus> next() {
        return switch (this) {
            case SEND_ENQUEUED -> EnumSet.of(ACKNOWLEDGED, WAITING_FOR_RETRY, SEND_FAILURE);
            case WAITING_FOR_RETRY -> EnumSet.of(SEND_ENQUEUED, ACKNOWLEDGED, SEND_FAILURE);
            case SEND_FAILURE -> EnumSet.of(SEND_ENQUEUED); // an operator's resend
            case RECEIVED -> EnumSet.of(DELIVERED);
            case DELIVERED -> EnumSet.of(DOWNLOADED);
            case ACKNOWLEDGED, DOWNLOADED -> EnumSet.noneOf(MessageStatus.class);
        };
    }

    public boolean canMoveTo(MessageStatus target) {
        return next().contains(target);
    }
}
