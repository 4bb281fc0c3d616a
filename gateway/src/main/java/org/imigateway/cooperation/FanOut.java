package org.imigateway.cooperation;

/**
 * Where the hub puts the copies of a decision with many recipients (an alert to every competent
 * authority), one at a time, for the {@code hub-fanout} route to sign and send concurrently. The
 * decision is already durable in Derby; the duplicate id makes a repeated hand-off (after a
 * redelivered message was found decided) a no-op.
 */
@FunctionalInterface
public interface FanOut {

    void enqueue(String cause, String conversationId, String line, String duplicateId) throws Exception;
}
