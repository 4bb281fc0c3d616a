package org.imigateway.backend;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.imigateway.as4.MessageIds;
import org.imigateway.connectors.BackendPort;
import org.imigateway.connectors.Delivery;
import org.imigateway.connectors.GatewayPort;
import org.imigateway.connectors.MessageState;
import org.imigateway.connectors.Submission;
import org.imigateway.connectors.SubmissionError;
import org.imigateway.connectors.SubmissionException;
import org.imigateway.store.BackendLedger;
import org.imigateway.store.BackendLedger.SubmissionRow;
import org.imigateway.store.Direction;
import org.imigateway.store.IllegalTransitionException;
import org.imigateway.store.MessageLog;
import org.imigateway.store.MessageRecord;
import org.imigateway.store.MessageStatus;
import org.imigateway.store.PayloadAccess;

/**
 * The gateway as one backend sees it. Submissions go through the durable outbound path under a
 * MessageId reserved per submission id, so a resubmission sends nothing new. Reads are limited to
 * what this backend submitted and what was routed to it: anything else answers as unknown.
 */
public final class ScopedBackendPort implements BackendPort {

    /** Status reported for a submission refused before it became a message. */
    public static final String REFUSED = "REFUSED";
    private static final String ORIGINAL_SENDER = "originalSender";

    private final BackendSettings settings;
    private final GatewayPort outbound;
    private final BackendLedger ledger;
    private final MessageLog log;
    private final PayloadAccess access;

    public ScopedBackendPort(BackendSettings settings, GatewayPort outbound, BackendLedger ledger, MessageLog log,
            PayloadAccess access) {
        this.settings = settings;
        this.outbound = outbound;
        this.ledger = ledger;
        this.log = log;
        this.access = access;
    }

    @Override
    public String backend() {
        return settings.name();
    }

    @Override
    public String submit(Submission submission) throws SubmissionException {
        String submissionId = submission.submissionId().orElseGet(() -> UUID.randomUUID().toString());
        if (submissionId.isBlank() || submissionId.length() > MessageLog.MAX_TEXT) {
            throw new SubmissionException("EBMS:0009", "submissionId '" + submissionId + "' must have 1 to "
                    + MessageLog.MAX_TEXT + " characters");
        }
        String messageId = ledger.reserve(backend(), submissionId,
                submission.messageId().orElseGet(MessageIds::newMessageId));
        try {
            checkSender(submission);
            String sent = outbound.submit(submission.withMessageId(messageId));
            ledger.accepted(backend(), submissionId);
            return sent;
        } catch (SubmissionException e) {
            ledger.refused(backend(), submissionId, e.errorCode(), e.getMessage());
            throw e;
        }
    }

    /** A backend speaks for its own authorities only (C1 is one of them). */
    private void checkSender(Submission submission) throws SubmissionException {
        Optional<String> sender = submission.property(ORIGINAL_SENDER);
        if (sender.isPresent() && !settings.serves(sender.get())) {
            throw new SubmissionException("EBMS:0003", "originalSender '" + sender.get()
                    + "' is not an authority that backend '" + backend() + "' serves");
        }
    }

    @Override
    public Optional<MessageState> status(String id) {
        Optional<SubmissionRow> submitted = ledger.submission(backend(), id);
        if (submitted.isPresent()) {
            SubmissionRow row = submitted.get();
            Optional<MessageRecord> record = log.find(row.messageId(), Direction.OUTBOUND);
            if (record.isPresent()) {
                return Optional.of(state(record.get(), Optional.of(row.submissionId())));
            }
            return refusal(row).map(error -> new MessageState(row.messageId(), Direction.OUTBOUND.name(), REFUSED,
                    Optional.of(error)));
        }
        return received(id).map(record -> state(record, Optional.empty()));
    }

    @Override
    public List<SubmissionError> errors(String id) {
        Optional<SubmissionRow> submitted = ledger.submission(backend(), id);
        if (submitted.isEmpty()) {
            return List.of();
        }
        Optional<SubmissionError> refusal = refusal(submitted.get());
        if (refusal.isPresent()) {
            return List.of(refusal.get());
        }
        return log.find(submitted.get().messageId(), Direction.OUTBOUND)
                .flatMap(record -> error(record, Optional.of(submitted.get().submissionId()))).stream().toList();
    }

    @Override
    public List<String> pending() {
        return ledger.pending(backend());
    }

    @Override
    public Optional<Delivery> retrieve(String messageId) {
        // Blocked, deleted or not for this backend's authority: the backend sees it as unknown.
        return received(messageId).map(record -> access.deliver(record, backend()))
                .filter(PayloadAccess.Granted.class::isInstance).map(read -> ((PayloadAccess.Granted) read).delivery());
    }

    @Override
    public boolean markDownloaded(String messageId) {
        if (received(messageId).isEmpty()) {
            return false;
        }
        try {
            return log.transition(messageId, MessageStatus.DELIVERED, MessageStatus.DOWNLOADED,
                    "downloaded by backend " + backend());
        } catch (IllegalTransitionException e) {
            return false;
        }
    }

    /** A received message routed to this backend. */
    private Optional<MessageRecord> received(String messageId) {
        if (!ledger.assignedBackend(messageId).filter(backend()::equals).isPresent()) {
            return Optional.empty();
        }
        return log.find(messageId, Direction.INBOUND);
    }

    private static MessageState state(MessageRecord record, Optional<String> submissionId) {
        return new MessageState(record.messageId(), record.direction().name(), record.status().name(),
                error(record, submissionId));
    }

    private static Optional<SubmissionError> error(MessageRecord record, Optional<String> submissionId) {
        return record.errorCode().map(code -> new SubmissionError(submissionId, Optional.of(record.messageId()), code,
                record.errorDetail().orElse(""), record.updated()));
    }

    private static Optional<SubmissionError> refusal(SubmissionRow row) {
        return row.errorCode().map(code -> new SubmissionError(Optional.of(row.submissionId()),
                Optional.of(row.messageId()), code, row.errorDetail().orElse(""), row.errorAt().orElse(row.created())));
    }
}
