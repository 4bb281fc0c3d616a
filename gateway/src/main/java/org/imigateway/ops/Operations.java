package org.imigateway.ops;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import org.imigateway.broker.Broker;
import org.imigateway.broker.Queues;
import org.imigateway.pmode.Party;
import org.imigateway.route.Enqueuer;
import org.imigateway.store.Direction;
import org.imigateway.store.MessageLog;
import org.imigateway.store.MessageRecord;
import org.imigateway.store.MessageStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.imigateway.route.SendControl;
/**
 * What an operator may do to messages in flight: resend, dead-letter, pause and resume a party,
 * reload the PModes. Each action goes through the message log's state machine and the broker,
 * never around them; the JMX beans and the command line are thin doors to this class.
 */
public final class Operations {

    private static final Logger LOG = LoggerFactory.getLogger(Operations.class);

    /** Reloads the PModes of the running gateway, or refuses and keeps the active set. */
    @FunctionalInterface
    public interface PModeReload {
        /** Returns a one-line summary of the new set; throws IllegalArgumentException naming what is wrong. */
        String reload();
    }

    private final Consumer<String> renotifyOutcome;
    private final MessageLog log;
    private final Enqueuer enqueuer;
    private final Broker broker;
    private final SendControl control;
    private final Parties parties;
    private final PModeReload reload;

    /** Finds a PMode party by name in the active set. */
    @FunctionalInterface
    public interface Parties {
        java.util.Optional<Party> byName(String name);
    }

    public Operations(MessageLog log, Enqueuer enqueuer, Broker broker, SendControl control, Parties parties,
            PModeReload reload, Consumer<String> renotifyOutcome) {
        this.renotifyOutcome = renotifyOutcome;
        this.log = log;
        this.enqueuer = enqueuer;
        this.broker = broker;
        this.control = control;
        this.parties = parties;
        this.reload = reload;
    }

    /**
     * SEND_FAILURE to SEND_ENQUEUED, then on the outbound queue again. Returns false when the
     * message is not in SEND_FAILURE (nothing is done).
     */
    public boolean resend(String messageId) {
        if (log.find(messageId, Direction.OUTBOUND).isEmpty()) {
            throw new IllegalArgumentException("no outbound message " + messageId);
        }
        if (!log.transition(messageId, MessageStatus.SEND_FAILURE, MessageStatus.SEND_ENQUEUED, "resent by an operator")) {
            return false;
        }
        // The backend that submitted it was told SEND_FAILURE; it is told the resend's outcome too.
        renotifyOutcome.accept(messageId);
        // A fresh duplicate-detection id: the first hand-off's id is still in the broker's cache.
        enqueuer.enqueue(Queues.OUTBOUND, messageId, "out:" + messageId + ":resend:" + System.nanoTime(), 0);
        return true;
    }

    /** Resends every SEND_FAILURE message to the party created at or after {@code since}; returns how many. */
    public int resendFailed(String partyName, Instant since) {
        Party party = party(partyName);
        int resent = 0;
        for (MessageRecord record : log.queries().failedSince(party.partyId().value(), since)) {
            if (resend(record.messageId())) {
                resent++;
            }
        }
        LOG.info("operator resent {} failed message(s) to party {} created since {}", resent, partyName, since);
        return resent;
    }

    /**
     * Gives up on an outbound message that is still being sent: SEND_FAILURE, and its queue
     * entry (waiting for a retry, perhaps) moves to the dead-letter queue. Returns false when it
     * was not being sent.
     */
    public boolean moveToDeadLetters(String messageId) {
        MessageRecord record = log.find(messageId, Direction.OUTBOUND)
                .orElseThrow(() -> new IllegalArgumentException("no outbound message " + messageId));
        if (record.status() != MessageStatus.SEND_ENQUEUED && record.status() != MessageStatus.WAITING_FOR_RETRY) {
            return false;
        }
        // The log first: should the queue entry be consumed meanwhile, the send route skips a failed message.
        log.fail(messageId, "EBMS:0004", "moved to the dead-letter queue by an operator");
        if (broker.moveMessages(Queues.OUTBOUND, messageId, Queues.DEAD_LETTER) == 0) {
            // The entry was in flight (the send route held it, e.g. to look at a pause again) and is
            // skipped once it comes back: the dead-letter queue gets the MessageId all the same.
            enqueuer.enqueue(Queues.DEAD_LETTER, messageId, "dlq:" + messageId, 0);
        }
        return true;
    }

    /** Empties the dead-letter queue; returns how many messages were removed. */
    public int purgeDeadLetters() {
        int removed = broker.purge(Queues.DEAD_LETTER);
        LOG.info("operator purged {} message(s) from {}", removed, Queues.DEAD_LETTER);
        return removed;
    }

    public long deadLetterCount() {
        return broker.messageCount(Queues.DEAD_LETTER);
    }

    public boolean pauseSending(String partyName) {
        party(partyName);
        boolean changed = control.pause(partyName);
        LOG.info("operator paused sending to party {}", partyName);
        return changed;
    }

    public boolean resumeSending(String partyName) {
        boolean changed = control.resume(partyName);
        LOG.info("operator resumed sending to party {}", partyName);
        return changed;
    }

    public List<String> pausedParties() {
        return control.pausedParties().stream().sorted().toList();
    }

    public String reloadPModes() {
        return reload.reload();
    }

    private Party party(String name) {
        return parties.byName(name).orElseThrow(() -> new IllegalArgumentException("no party '" + name + "' in the PModes"));
    }
}
