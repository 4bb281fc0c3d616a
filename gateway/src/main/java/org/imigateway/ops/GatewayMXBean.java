package org.imigateway.ops;

import java.util.List;
import java.util.Map;

/**
 * {@code org.imigateway:type=Gateway,name=<party>}: what an operator reads and does on a running
 * gateway. Parties are PMode party names; times are ISO-8601 instants ({@code 2026-11-27T00:00:00Z}).
 */
public interface GatewayMXBean {

    /** {@code DIRECTION/STATUS} to message count, zeros included. */
    Map<String, Long> getMessageCountsByStatus();

    /** {@code DIRECTION/STATUS/party} to message count (the sender of inbound, the receiver of outbound messages). */
    Map<String, Long> getMessageCountsByParty();

    /** Queue name to the age in seconds of the oldest message waiting for it; 0 when none waits. */
    Map<String, Long> getOldestPendingSeconds();

    /** Party to the number of POSTs to it that failed in a row since the last receipt. */
    Map<String, Integer> getConsecutiveSendFailures();

    /** {@code own:<use>} or {@code <party>:<use>} to whole days before the certificate expires. */
    Map<String, Long> getCertificateDaysLeft();

    /**
     * {@code own:<use>} or {@code <party>:<use>} to the certificate in force (serial and validity):
     * which one a rotation has made active; a partner's signing entry names both during the overlap.
     */
    Map<String, String> getActiveCertificates();

    /** The Micrometer meters, {@code name,tag=value} to current value: the same figures as {@code /metrics}. */
    Map<String, Double> getMetrics();

    List<String> getPausedParties();

    /** {@code cluster.nodeId} of this node; empty when the gateway is not clustered. */
    String getClusterNodeId();

    /** Whether the recovery, retention, overdue and public-recovery timers run on this node (always, when alone). */
    boolean isTimerHolder();

    /** Which broker answers: the embedded one, or of an external live/backup pair the address of the live one. */
    String getBrokerLive();

    long getDeadLetterCount();

    /** SEND_FAILURE to SEND_ENQUEUED and queued again; false when the message was not in SEND_FAILURE. */
    boolean resend(String messageId);

    /** Resends every SEND_FAILURE message to the party created at or after {@code since}; returns how many. */
    int resendFailed(String party, String since);

    /** Gives up on a message still being sent and moves its queue entry to the dead-letter queue. */
    boolean moveToDeadLetterQueue(String messageId);

    /** Empties the dead-letter queue; returns how many messages it held. */
    int purgeDeadLetterQueue();

    /** Messages to the party wait (WAITING_FOR_RETRY) without being POSTed until resumed. */
    boolean pauseSending(String party);

    boolean resumeSending(String party);

    /**
     * The messages matching every criterion, newest first, as JSON ({@code criteria}, {@code messages}).
     * Criteria by name: messageId, conversationId, refToMessageId, party, fromParty, toParty,
     * originalSender, finalRecipient, service, action, status, direction, since, until (ISO-8601),
     * limit (default 100); an unknown name or bad value is an IllegalArgumentException naming it.
     */
    String searchMessages(Map<String, String> criteria);

    /** All the log keeps of one message (records, history, payload digests, receipt) as JSON; empty text when unknown. */
    String showMessage(String messageId);

    /** Loads the PMode folder again; an invalid set is refused with the reason and the active one stays. */
    String reloadPModes();
}
