package org.imigateway.cooperation.publicapi;

/**
 * Where accepted submissions wait, by tracking id, for the {@code public-forward} route to send
 * them on: a durable queue, so a forward queued before a crash is still done after it. The
 * duplicate id makes a repeated hand-off (a recovery pass finding one still queued) a no-op.
 */
@FunctionalInterface
public interface ForwardQueue {

    /** Returns false when the queue already had this duplicate id, which counts as queued. */
    boolean put(String trackingId, String duplicateId) throws Exception;
}
