package org.imigateway.cooperation.publicapi;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.imigateway.connectors.GatewayPort;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;
import org.imigateway.connectors.SubmissionException;
import org.imigateway.cooperation.Cooperation;
import org.imigateway.schemas.imi.ImiDocumentType;
import org.imigateway.text.Untrusted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends accepted submissions on, as IMI business messages from the hub to the authority's access
 * point, through the durable submit path. Every forward goes through the {@link ForwardQueue}:
 * queued once the submission is accepted, queued again by the recovery pass while it is not sent
 * on (a crash between the acceptance and the queueing, a forward dead-lettered), and taken from
 * there by the {@code public-forward} route ({@link PublicRoutes}). The MessageId is made from
 * the tracking id and the submit path sends a known MessageId nothing more, so a forward done
 * twice sends once.
 */
public final class PublicForwarding {

    private static final Logger LOG = LoggerFactory.getLogger(PublicForwarding.class);

    /**
     * How long the recovery pass re-queues a submission under the duplicate id it was first
     * queued with (the broker drops the copy while the first one waits or is retried); after it,
     * the first copy has had all its deliveries and is presumed dead-lettered, so each further
     * period brings a copy under a new duplicate id.
     */
    static final Duration REQUEUE_AFTER = Duration.ofMinutes(10);

    /**
     * Records a document sent on as a case of personal data (need to know, retention), before it
     * counts as forwarded; recording the same one again changes nothing.
     */
    @FunctionalInterface
    public interface Filings {
        void record(StoredSubmission submission, String originalSender) throws Exception;
    }

    private final SubmissionStore store;
    private final GatewayPort outbound;
    private final ForwardQueue queue;
    private final Filings filings;
    private final String sender;
    private final Clock clock;

    /** @param sender the originalSender of what the hub sends on (the public interface's identity) */
    public PublicForwarding(SubmissionStore store, GatewayPort outbound, ForwardQueue queue,
            Filings filings, String sender, Clock clock) {
        this.store = store;
        this.outbound = outbound;
        this.queue = queue;
        this.filings = filings;
        this.sender = sender;
        this.clock = clock;
    }

    /**
     * Queues a submission just accepted. It is durable already, so a failure here is only logged:
     * the next recovery pass queues it.
     */
    public void queue(String trackingId) {
        try {
            queue.put(trackingId, duplicateId(trackingId, Duration.ZERO));
        } catch (Exception e) {
            LOG.warn("public submission {}: not queued to be sent on ({}), the recovery pass queues it", trackingId,
                    Untrusted.inLog(e.getMessage()));
        }
    }

    /**
     * Sends one accepted submission on, unless it was already or was refused for good. A refusal
     * the submission cannot get past (no PMode for the authority's access point) is recorded as
     * its failure.
     *
     * @throws Exception when it cannot be sent on now (storage, broker): the route rolls back and
     *                   the broker delivers it again
     */
    public void forward(String trackingId) throws Exception {
        Optional<StoredSubmission> found = store.find(trackingId);
        if (found.isEmpty() || found.get().forwarded().isPresent() || found.get().failure().isPresent()) {
            return;
        }
        StoredSubmission s = found.get();
        try {
            outbound.submit(Submission.to(s.accessPoint())
                    .service(s.type().service(), ImiDocumentType.SERVICE_TYPE)
                    .action(s.type().action())
                    .conversationId(s.trackingId())
                    .messageId(s.messageId())
                    .property(MessageProperty.of(Cooperation.ORIGINAL_SENDER, sender))
                    .property(MessageProperty.of(Cooperation.FINAL_RECIPIENT, s.authority()))
                    .payload(Payload.of(s.payload(), "application/xml"))
                    .build());
        } catch (SubmissionException e) {
            if (e.getCause() instanceof IOException) {
                LOG.warn("public submission {}: not sent on yet ({}), the broker delivers it again", trackingId,
                        Untrusted.inLog(e.getMessage()));
                throw e;
            }
            store.markFailed(trackingId, e.errorCode() + ": " + e.getMessage());
            LOG.warn("public submission {}: cannot be sent on: {} {}", trackingId, e.errorCode(),
                    Untrusted.inLog(e.getMessage()));
            return;
        }
        filings.record(s, sender);
        store.markForwarded(trackingId, clock.instant());
        LOG.info("public submission {}: sent on as message {} to {}", trackingId, s.messageId(), s.accessPoint());
    }

    /** Queues every accepted submission not sent on yet; returns how many the queue did not hold already. */
    public int queueUnforwarded() throws Exception {
        Instant now = clock.instant();
        List<StoredSubmission> pending = store.unforwarded();
        int queued = 0;
        for (StoredSubmission s : pending) {
            if (queue.put(s.trackingId(), duplicateId(s.trackingId(), Duration.between(s.received(), now)))) {
                queued++;
            }
        }
        if (queued > 0) {
            LOG.info("public interface recovery: {} accepted submission(s) queued to be sent on", queued);
        }
        return queued;
    }

    /**
     * {@code public:<trackingId>} while the submission is younger than {@link #REQUEUE_AFTER},
     * then {@code public:<trackingId>:<n>} in its n-th such period.
     */
    static String duplicateId(String trackingId, Duration age) {
        long periods = Math.max(0, age.toMillis() / REQUEUE_AFTER.toMillis());
        return periods == 0 ? "public:" + trackingId : "public:" + trackingId + ":" + periods;
    }
}
