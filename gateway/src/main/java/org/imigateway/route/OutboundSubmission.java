package org.imigateway.route;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.imigateway.as4.WorkFolders;
import org.imigateway.as4.EbmsException;
import org.imigateway.as4.MessageIds;
import org.imigateway.as4.outflow.As4Sender;
import org.imigateway.as4.outflow.DynamicReceivers;
import org.imigateway.as4.outflow.HeldSubmission;
import org.imigateway.as4.outflow.PreparedMessage;
import org.imigateway.as4.outflow.PreparedMessageFiles;
import org.imigateway.broker.Queues;
import org.imigateway.connectors.GatewayPort;
import org.imigateway.connectors.Submission;
import org.imigateway.connectors.SubmissionException;
import org.imigateway.pmode.Party;
import org.imigateway.store.Direction;
import org.imigateway.store.DuplicateMessageException;
import org.imigateway.store.MessageHeader;
import org.imigateway.store.MessageLog;
import org.imigateway.store.MimeBody;

/**
 * The submit path: the message is checked, built, signed and encrypted once, its MIME body
 * kept in {@code data/outbox/}, registered as SEND_ENQUEUED and queued on {@code imi.outbound}.
 * A submission that names a MessageId already known returns that id and sends nothing again.
 */
public final class OutboundSubmission implements GatewayPort {

    private final MessageLog log;
    private final As4Sender sender;
    private final Enqueuer enqueuer;
    private final Path outbox;
    private final Party self;

    public OutboundSubmission(MessageLog log, As4Sender sender, Enqueuer enqueuer, Path outbox, Party self) {
        this.log = log;
        this.sender = sender;
        this.enqueuer = enqueuer;
        this.outbox = outbox;
        this.self = self;
    }

    @Override
    public String submit(Submission submission) throws SubmissionException {
        Optional<String> requestedId = submission.messageId();
        if (requestedId.isPresent() && log.find(requestedId.get(), Direction.OUTBOUND).isPresent()) {
            return requestedId.get();
        }
        Path folder = null;
        try {
            folder = Files.createDirectories(outbox.resolve(UUID.randomUUID().toString()));
            PreparedMessage prepared = sender.prepare(submission, folder);
            PreparedMessageFiles.writeReferences(prepared.signedReferences(), folder.resolve(TransmitMessage.REFERENCES_FILE));
            if (submission.recipient().isPresent()) {
                PreparedMessageFiles.writeRecipient(submission.recipient().get(), folder.resolve(TransmitMessage.RECIPIENT_FILE));
            }
            keepOnly(folder, prepared.body());
            MessageHeader header = new MessageHeader(prepared.messageId(), prepared.conversationId(),
                    submission.refToMessageId(), Instant.now(), self.partyId().value(),
                    prepared.receiver().partyId().value(), submission.service(), submission.serviceType(),
                    submission.action());
            log.registerOutbound(header, submission.properties(), new MimeBody(prepared.body(), prepared.contentType()));
            try {
                enqueuer.enqueueWithin(Enqueuer.CALLER_WAIT, Queues.OUTBOUND, prepared.messageId(),
                        Map.of(Headers.MESSAGE_ID, prepared.messageId()), "out:" + prepared.messageId());
            } catch (Enqueuer.NotTaken e) {
                // Accepted all the same: SEND_ENQUEUED in the log, which the late send or recovery queues.
            }
            return prepared.messageId();
        } catch (DynamicReceivers.LookupFailed e) {
            return hold(submission, folder, e);
        } catch (EbmsException e) {
            WorkFolders.deleteQuietly(folder);
            throw new SubmissionException(e.error().code().code(), e.error().detail(), e);
        } catch (DuplicateMessageException e) {
            WorkFolders.deleteQuietly(folder);
            return requestedId.orElseThrow();
        } catch (IOException e) {
            WorkFolders.deleteQuietly(folder);
            throw new SubmissionException("EBMS:0004", "the submission cannot be stored: " + e.getMessage(), e);
        }
    }

    /**
     * Discovery could not find the receiver of a message to a participant: the submission is kept
     * as given (payloads copied into its folder) and logged SEND_FAILURE with the lookup's error,
     * so nothing is lost and an operator resend builds and sends it once the lookup succeeds.
     */
    private String hold(Submission submission, Path folder, DynamicReceivers.LookupFailed failure)
            throws SubmissionException {
        String messageId = submission.messageId().orElseGet(MessageIds::newMessageId);
        String conversationId = submission.conversationId().orElseGet(MessageIds::newConversationId);
        Submission kept = new Submission(submission.toParty(), submission.service(), submission.serviceType(),
                submission.action(), Optional.of(conversationId), Optional.of(messageId), submission.refToMessageId(),
                submission.properties(), submission.payloads(), submission.submissionId(), submission.recipient());
        try {
            Path file = HeldSubmission.write(kept, folder);
            syncAll(folder);
            MessageHeader header = new MessageHeader(messageId, conversationId, submission.refToMessageId(), Instant.now(),
                    self.partyId().value(), submission.recipient().orElseThrow().participant(), submission.service(),
                    submission.serviceType(), submission.action());
            log.registerOutbound(header, submission.properties(), new MimeBody(file, HeldSubmission.CONTENT_TYPE));
            log.fail(messageId, failure.error().code().code(), failure.error().detail());
            return messageId;
        } catch (DuplicateMessageException e) {
            WorkFolders.deleteQuietly(folder);
            return messageId;
        } catch (IOException e) {
            WorkFolders.deleteQuietly(folder);
            throw new SubmissionException("EBMS:0004", "the submission cannot be kept after its lookup failed ("
                    + failure.error().detail() + "): " + e.getMessage(), e);
        }
    }

    private static void syncAll(Path folder) throws IOException {
        try (var files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
            }
        }
    }

    /**
     * Keeps the MIME body and the references, synced; the intermediate files (compressed and
     * encrypted payloads) are removed on the cleaner thread, the message need not wait for it.
     */
    static void keepOnly(Path folder, Path body) throws IOException {
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (file.equals(body) || name.equals(TransmitMessage.REFERENCES_FILE)
                        || name.equals(TransmitMessage.RECIPIENT_FILE)) {
                    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        channel.force(true);
                    }
                } else {
                    WorkFolders.deleteLater(file);
                }
            }
        }
    }
}
