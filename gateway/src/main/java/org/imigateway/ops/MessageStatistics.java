package org.imigateway.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import org.imigateway.broker.Queues;
import org.imigateway.route.GatewayRoutes;
import org.imigateway.store.MessageCount;
import org.imigateway.store.MessageLog;
import org.imigateway.store.MessageStatus;

/** Figures about the messages in the log, read on demand: nothing is cached, so JMX and /metrics agree. */
public final class MessageStatistics {

    private final MessageLog log;

    public MessageStatistics(MessageLog log) {
        this.log = log;
    }

    /** Counts keyed {@code DIRECTION/STATUS/party}, in key order; empty groups are left out. */
    public Map<String, Long> countsByParty() {
        Map<String, Long> counts = new TreeMap<>();
        for (MessageCount count : log.queries().countByParty()) {
            counts.put(count.direction() + "/" + count.status() + "/" + count.party(), count.count());
        }
        return counts;
    }

    /** Counts by status (each status belongs to one direction), zeros included. */
    public Map<String, Long> countsByStatus() {
        Map<String, Long> counts = new TreeMap<>();
        log.countByStatus().forEach((status, count) -> counts.put(status.direction() + "/" + status, count));
        return counts;
    }

    /**
     * Seconds since the oldest message still waiting for each queue's route was accepted, 0 when
     * none waits: received and not delivered for the inbound and delivery queues, still being
     * sent for the outbound queue.
     */
    public Map<String, Long> oldestPendingSeconds(Instant now) {
        long received = ageSeconds(MessageStatus.RECEIVED, now);
        long sending = Math.max(ageSeconds(MessageStatus.SEND_ENQUEUED, now), ageSeconds(MessageStatus.WAITING_FOR_RETRY, now));
        Map<String, Long> ages = new TreeMap<>();
        ages.put(Queues.INBOUND, received);
        ages.put(Queues.delivery(GatewayRoutes.DEFAULT_BACKEND), received);
        ages.put(Queues.OUTBOUND, sending);
        return ages;
    }

    private long ageSeconds(MessageStatus status, Instant now) {
        return log.queries().oldestCreated(status).map(created -> Math.max(0, Duration.between(created, now).toSeconds())).orElse(0L);
    }
}
