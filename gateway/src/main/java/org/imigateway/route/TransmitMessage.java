package org.imigateway.route;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.imigateway.as4.EbmsErrorCode;
import org.imigateway.as4.EbmsException;
import org.imigateway.as4.outflow.As4Sender;
import org.imigateway.as4.outflow.HeldSubmission;
import org.imigateway.as4.outflow.PreparedMessage;
import org.imigateway.as4.outflow.PreparedMessageFiles;
import org.imigateway.as4.outflow.SendResult;
import org.imigateway.connectors.Submission;
import org.imigateway.pmode.Leg;
import org.imigateway.pmode.PModeSet;
import org.imigateway.pmode.Party;
import org.imigateway.pmode.RetryPolicy;
import org.imigateway.store.Direction;
import org.imigateway.store.MessageLog;
import org.imigateway.store.MessageRecord;
import org.imigateway.store.MessageStatus;
import org.imigateway.store.MimeBody;
import org.imigateway.text.Untrusted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One send attempt of a queued message: POST the prepared bytes, then record the outcome.
 * A receipt makes it ACKNOWLEDGED. A temporary failure schedules the next attempt by the leg's
 * reception awareness (the route re-queues the message for that time; the broker holds it
 * durably); once the retries or the timeout are spent, SEND_FAILURE with EBMS:0301. A final
 * refusal by the receiver is SEND_FAILURE with the receiver's own error. While an operator has
 * paused sending to the receiver, the message waits (WAITING_FOR_RETRY) and is looked at again
 * every {@link #PAUSE_RECHECK} without a POST.
 */
public final class TransmitMessage implements Processor {

    /** Used when a leg names no reception awareness: 5 retries within 10 minutes. */
    public static final RetryPolicy DEFAULT_RETRY = RetryPolicy.parse("10;5;CONSTANT");
    public static final String REFERENCES_FILE = "references.xml";
    /** Beside the body of a message to a participant: whom discovery is asked at each attempt. */
    public static final String RECIPIENT_FILE = "recipient.properties";

    /** How often a message for a paused party is looked at again. */
    public static final Duration PAUSE_RECHECK = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(TransmitMessage.class);

    private final MessageLog log;
    private final As4Sender sender;
    private final Supplier<PModeSet> pmodes;
    private final SendControl control;

    public TransmitMessage(MessageLog log, As4Sender sender, Supplier<PModeSet> pmodes, SendControl control) {
        this.log = log;
        this.sender = sender;
        this.pmodes = pmodes;
        this.control = control;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        exchange.getMessage().removeHeader(Headers.RETRY_AT);
        exchange.getMessage().removeHeader(Headers.SCHEDULED_DELIVERY);
        String messageId = exchange.getMessage().getHeader(Headers.MESSAGE_ID, String.class);
        Optional<MessageRecord> found = log.find(messageId, Direction.OUTBOUND);
        if (found.isEmpty()) {
            LOG.warn("message {}: queued for sending but unknown to the message log; dropped", Untrusted.inLog(messageId));
            return;
        }
        MessageRecord record = found.get();
        Optional<String> receiverName = pmodes.get().partyById(record.header().toParty(), null).map(Party::name);
        if (receiverName.isPresent() && control.isPaused(receiverName.get()) && holdWhilePaused(record, exchange)) {
            return;
        }
        if (record.status() == MessageStatus.WAITING_FOR_RETRY
                && !log.transition(messageId, MessageStatus.WAITING_FOR_RETRY, MessageStatus.SEND_ENQUEUED, "retry")) {
            return;
        }
        if (record.status() != MessageStatus.WAITING_FOR_RETRY && record.status() != MessageStatus.SEND_ENQUEUED) {
            return;
        }
        PreparedMessage prepared;
        try {
            prepared = load(record);
        } catch (IOException | IllegalStateException e) {
            log.fail(messageId, EbmsErrorCode.OTHER.code(), "the prepared message cannot be sent again: " + e.getMessage());
            return;
        } catch (EbmsException e) {
            // discovery refused the participant now: nothing sent, kept FAILED; an operator resend looks up again
            log.fail(messageId, e.error().code().code(), e.error().detail());
            return;
        }
        SendResult result = sender.transmit(prepared);
        if (result instanceof SendResult.Acknowledged ack) {
            control.sendSucceeded(prepared.receiver().name());
            log.acknowledge(messageId, ack.receipt());
            return;
        }
        control.sendFailed(prepared.receiver().name());
        SendResult.Failed failed = (SendResult.Failed) result;
        if (!failed.retryable()) {
            log.fail(messageId, failed.error().code().code(), failed.error().detail());
            return;
        }
        RetryPolicy policy = prepared.leg().retry().orElse(DEFAULT_RETRY);
        List<Duration> delays = policy.delays();
        int failures = record.attempts() + 1;
        Instant now = Instant.now();
        Duration elapsed = Duration.between(record.created(), now);
        if (failures <= delays.size() && elapsed.plus(delays.get(failures - 1)).compareTo(policy.timeout()) <= 0) {
            Instant next = now.plus(wait(delays.get(failures - 1), failed.retryAfter()));
            log.recordAttempt(messageId, next, failed.error().code().code(), failed.error().detail());
            exchange.getMessage().setHeader(Headers.RETRY_AT, next.toEpochMilli());
        } else {
            log.fail(messageId, EbmsErrorCode.MISSING_RECEIPT.code(), "no receipt after " + failures + " attempt(s) over "
                    + elapsed.toSeconds() + " s (reception awareness timeout " + policy.timeout().toSeconds()
                    + " s); last error: " + failed.error());
        }
    }

    /** The wait before the next attempt: the leg's schedule, or longer when the receiver asked for longer (Retry-After). */
    static Duration wait(Duration scheduled, Optional<Duration> retryAfter) {
        return retryAfter.filter(asked -> asked.compareTo(scheduled) > 0).orElse(scheduled);
    }

    /**
     * Sending to the receiver is paused: the message waits without a POST and is looked at
     * again shortly. Returns false when it is no longer being sent, so there is nothing to hold.
     */
    private boolean holdWhilePaused(MessageRecord record, Exchange exchange) {
        if (record.status() == MessageStatus.SEND_ENQUEUED) {
            log.transition(record.messageId(), MessageStatus.SEND_ENQUEUED, MessageStatus.WAITING_FOR_RETRY,
                    "sending to party " + record.header().toParty() + " is paused by an operator");
        } else if (record.status() != MessageStatus.WAITING_FOR_RETRY) {
            return true;
        }
        exchange.getMessage().setHeader(Headers.RETRY_AT, Instant.now().plus(PAUSE_RECHECK).toEpochMilli());
        return true;
    }

    /**
     * A message held at submission (discovery had no answer then) is built now, after a resend:
     * the lookup runs again; once built, the log names its receiver and body instead of the held submission.
     */
    private PreparedMessage build(String messageId, Path held) throws IOException, EbmsException {
        Path folder = held.getParent();
        Submission submission = HeldSubmission.read(held);
        PreparedMessage prepared = sender.prepare(submission, folder);
        PreparedMessageFiles.writeReferences(prepared.signedReferences(), folder.resolve(REFERENCES_FILE));
        PreparedMessageFiles.writeRecipient(submission.recipient().orElseThrow(), folder.resolve(RECIPIENT_FILE));
        log.built(messageId, prepared.receiver().partyId().value(), new MimeBody(prepared.body(), prepared.contentType()));
        HeldSubmission.delete(folder);
        OutboundSubmission.keepOnly(folder, prepared.body());
        LOG.info("message {}: built after its receiver was found: {}", Untrusted.inLog(messageId),
                prepared.receiver().endpoint().map(Object::toString).orElse("?"));
        return prepared;
    }

    private PreparedMessage load(MessageRecord record) throws IOException, EbmsException {
        MimeBody body = record.body().orElseThrow(() -> new IllegalStateException("no prepared body is recorded"));
        if (HeldSubmission.CONTENT_TYPE.equals(body.contentType())) {
            return build(record.header().messageId(), body.file());
        }
        PModeSet set = pmodes.get();
        Path recipient = body.file().resolveSibling(RECIPIENT_FILE);
        Optional<Party> named = Optional.empty();
        if (!Files.exists(recipient)) {
            named = Optional.of(set.partyById(record.header().toParty(), null).orElseThrow(() -> new IllegalStateException(
                    "party '" + record.header().toParty() + "' is no longer in the PModes")));
        }
        Leg leg = set.outboundLeg(record.header().service(), record.header().action(), sender.localParty(),
                named.map(Party::name)).orElseThrow(() -> new IllegalStateException("no PMode leg has service '"
                        + record.header().service() + "' and action '" + record.header().action() + "' any more"));
        // a message to a participant: the endpoint the discovery answer gives at this attempt
        Party receiver = named.isPresent() ? named.get()
                : sender.dynamicReceiver(PreparedMessageFiles.readRecipient(recipient), leg);
        Path references = body.file().resolveSibling(REFERENCES_FILE);
        return new PreparedMessage(record.header().messageId(), record.header().conversationId(), receiver, leg,
                body.file(), body.contentType(), PreparedMessageFiles.readReferences(references));
    }
}
