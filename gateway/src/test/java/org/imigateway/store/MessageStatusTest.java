package org.imigateway.store;

import static org.imigateway.store.MessageStatus.ACKNOWLEDGED;
import static org.imigateway.store.MessageStatus.DELIVERED;
import static org.imigateway.store.MessageStatus.DOWNLOADED;
import static org.imigateway.store.MessageStatus.RECEIVED;
import static org.imigateway.store.MessageStatus.SEND_ENQUEUED;
import static org.imigateway.store.MessageStatus.SEND_FAILURE;
import static org.imigateway.store.MessageStatus.WAITING_FOR_RETRY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The state machine on its own; {@link MessageLogTransitionsTest} checks the log enforces it. */
class MessageStatusTest {

    /** Every allowed move, written out once more by hand: a change to the machine must change this too. */
    static final Set<List<MessageStatus>> ALLOWED = Set.of(
            List.of(SEND_ENQUEUED, ACKNOWLEDGED),
            List.of(SEND_ENQUEUED, WAITING_FOR_RETRY),
            List.of(SEND_ENQUEUED, SEND_FAILURE),
            List.of(WAITING_FOR_RETRY, SEND_ENQUEUED),
            List.of(WAITING_FOR_RETRY, ACKNOWLEDGED),
            List.of(WAITING_FOR_RETRY, SEND_FAILURE),
            List.of(SEND_FAILURE, SEND_ENQUEUED),
            List.of(RECEIVED, DELIVERED),
            List.of(DELIVERED, DOWNLOADED));

    static Stream<Arguments> allowed() {
        return ALLOWED.stream().map(pair -> Arguments.of(pair.get(0), pair.get(1)));
    }

    static Stream<Arguments> impossible() {
        List<Arguments> pairs = new ArrayList<>();
        for (MessageStatus from : MessageStatus.values()) {
            for (MessageStatus to : MessageStatus.values()) {
                if (!ALLOWED.contains(List.of(from, to))) {
                    pairs.add(Arguments.of(from, to));
                }
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("allowed")
    void allowedMoveIsAllowed(MessageStatus from, MessageStatus to) {
        assertTrue(from.canMoveTo(to));
        assertEquals(from.direction(), to.direction());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("impossible")
    void impossibleMoveIsRefused(MessageStatus from, MessageStatus to) {
        assertFalse(from.canMoveTo(to));
    }

    @Test
    void newMessagesStartWhereTheirDirectionBegins() {
        assertEquals(SEND_ENQUEUED, MessageStatus.initial(Direction.OUTBOUND));
        assertEquals(RECEIVED, MessageStatus.initial(Direction.INBOUND));
    }

    @Test
    void refusalNamesTheMessageAndBothStatuses() {
        IllegalTransitionException e = new IllegalTransitionException("m1@x", Direction.OUTBOUND, ACKNOWLEDGED, SEND_ENQUEUED);
        assertTrue(e.getMessage().contains("m1@x"), e.getMessage());
        assertTrue(e.getMessage().contains("from ACKNOWLEDGED to SEND_ENQUEUED"), e.getMessage());
    }
}
