package org.imigateway.route;

import java.time.Duration;
import java.time.Instant;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.imigateway.broker.Broker;
import org.imigateway.broker.Queues;
import org.imigateway.store.MessageLog;
import org.imigateway.store.MessageRecord;
import org.imigateway.store.MessageStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps Derby and Artemis consistent through a crash between them (DESIGN.md invariant 1).
 * Derby is the record of what was accepted; the queues say what is left to do. At start-up and
 * then periodically, every message Derby still has as RECEIVED, SEND_ENQUEUED or
 * WAITING_FOR_RETRY is queued again under the same duplicate-detection id it was first queued
 * with, so the broker drops the copy when the first hand-off did make it, and the processors
 * skip a message whose status has moved on.
 *
 * <p>A message the broker still holds under that id is not sent at all: the broker is asked
 * first ({@link Broker#holdsDuplicateId}). Sending it would only have the broker drop it again and
 * log AMQ222059 with the whole message, at every restart and every minute of a backlog.
 */
public final class Recovery implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    /**
     * A message whose status has not moved for this long is presumed lost to the queues (for
     * instance dead-lettered after repeated processing failures) and is queued under a fresh
     * duplicate id: a copy that did still exist is harmless, the processors skip what moved on.
     */
    static final Duration STALE_AFTER = Duration.ofMinutes(10);

    private final MessageLog log;
    private final Enqueuer enqueuer;
    private final Broker broker;

    public Recovery(MessageLog log, Enqueuer enqueuer, Broker broker) {
        this.log = log;
        this.enqueuer = enqueuer;
        this.broker = broker;
    }

    /**
     * The periodic pass: a message whose status changed within {@link #SETTLING} is left to the path
     * that is handing it to the queue right now (a submission, a retry being scheduled); queued
     * again by recovery as well, one copy would be dropped by the broker with an AMQ222059 warning.
     * If that hand-off failed, the next pass takes the message.
     */
    @Override
    public void process(Exchange exchange) {
        run(Instant.now().minus(SETTLING));
    }

    /** How long a message's last change must lie back before the periodic pass queues it again. */
    static final Duration SETTLING = Duration.ofSeconds(30);

    private static String duplicateId(String original, MessageRecord record, Instant stale) {
        return record.updated().isBefore(stale) ? original + ":stale:" + record.updated().toEpochMilli() : original;
    }

    /** The full pass, at start and when this node takes the timers: every pending message. */
    public void run() {
        run(Instant.MAX);
    }

    private void run(Instant changedBefore) {
        int requeued = 0;
        int held = 0;
        Instant stale = Instant.now().minus(STALE_AFTER);
        for (MessageRecord record : log.inboundPendingDelivery()) {
            if (!record.updated().isBefore(changedBefore)) {
                continue;
            }
            String id = record.header().messageId();
            switch (requeue(Queues.INBOUND, id, duplicateId(InboundHandoff.inboundDuplicateId(id), record, stale), 0)) {
                case QUEUED -> requeued++;
                case HELD -> held++;
                case DROPPED -> { }
            }
        }
        for (MessageRecord record : log.queries().outboundPending()) {
            if (!record.updated().isBefore(changedBefore)) {
                continue;
            }
            String id = record.header().messageId();
            boolean scheduled = record.status() == MessageStatus.WAITING_FOR_RETRY && record.nextAttempt().isPresent();
            long at = scheduled ? record.nextAttempt().get().toEpochMilli() : 0;
            String duplicateId = scheduled ? "out:" + id + ":" + at : "out:" + id;
            switch (requeue(Queues.OUTBOUND, id, duplicateId(duplicateId, record, stale), at)) {
                case QUEUED -> requeued++;
                case HELD -> held++;
                case DROPPED -> { }
            }
        }
        if (requeued > 0) {
            LOG.info("recovery queued {} message(s) that the message log had pending", requeued);
        }
        LOG.debug("recovery left {} pending message(s) that the broker still holds", held);
    }

    private enum Requeue { QUEUED, HELD, DROPPED }

    private Requeue requeue(String queue, String messageId, String duplicateId, long scheduledAt) {
        if (broker.holdsDuplicateId(queue, duplicateId)) {
            return Requeue.HELD;
        }
        return enqueuer.enqueue(queue, messageId, duplicateId, scheduledAt) ? Requeue.QUEUED : Requeue.DROPPED;
    }
}
