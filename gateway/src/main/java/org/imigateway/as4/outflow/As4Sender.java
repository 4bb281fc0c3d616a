package org.imigateway.as4.outflow;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.imigateway.as4.WorkFolders;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.imigateway.as4.AttachmentEncryptor;
import org.imigateway.as4.Cryptos;
import org.imigateway.as4.EbmsError;
import org.imigateway.as4.EbmsErrorCode;
import org.imigateway.as4.EbmsException;
import org.imigateway.as4.HeaderFieldLengths;
import org.imigateway.as4.HttpTransport;
import org.imigateway.as4.MessageSigner;
import org.imigateway.as4.MimeEnvelope;
import org.imigateway.as4.MimeWriter;
import org.imigateway.as4.SoapEnvelopes;
import org.imigateway.connectors.Submission;
import org.imigateway.pmode.PModeSet;
import org.imigateway.text.Untrusted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;

/**
 * The whole path of a sent AS4 message, in order:
 * <ol>
 *   <li>{@link ResolveRoute}: receiver, leg and payload files checked against the PModes</li>
 *   <li>{@link PreparePayloads}: Content-IDs, PartProperties, gzip when the leg compresses</li>
 *   <li>{@link BuildUserMessage}: the eb:Messaging header, each value within {@link HeaderFieldLengths}</li>
 *   <li>{@link MessageSigner}: sign Messaging, Body and every attachment</li>
 *   <li>{@link AttachmentEncryptor}: encrypt the attachments for the receiver</li>
 *   <li>{@link MimeWriter}: SOAP with Attachments (the attachments encrypted as they are written), then POST</li>
 *   <li>{@link VerifyReceipt}: signed receipt whose NRR digests match what we signed</li>
 * </ol>
 * {@link #prepare} runs once per message, {@link #transmit} once per attempt: a retry POSTs
 * the same signed bytes. Retry timing is the caller's (the outbound route's) business.
 */
public final class As4Sender {

    private static final Logger LOG = LoggerFactory.getLogger(As4Sender.class);

    private final Supplier<PModeSet> pmodes;
    private final String localParty;
    private final Cryptos cryptos;
    private final HttpTransport transport;
    private final Path workRoot;
    private final ResolveRoute resolveRoute;
    private final DynamicReceivers dynamic;
    private final PreparePayloads preparePayloads = new PreparePayloads();
    private final BuildUserMessage buildUserMessage = new BuildUserMessage();
    private final MessageSigner signer = new MessageSigner();
    private final AttachmentEncryptor encryptor = new AttachmentEncryptor();
    private final MimeWriter mimeWriter = new MimeWriter();
    private final VerifyReceipt verifyReceipt = new VerifyReceipt();

    public As4Sender(Supplier<PModeSet> pmodes, String localParty, Cryptos cryptos, HttpTransport transport, Path workRoot) {
        this(pmodes, localParty, cryptos, transport, workRoot, DynamicReceivers.NONE);
    }

    public As4Sender(Supplier<PModeSet> pmodes, String localParty, Cryptos cryptos, HttpTransport transport, Path workRoot,
            DynamicReceivers dynamic) {
        this.dynamic = dynamic;
        this.resolveRoute = new ResolveRoute(dynamic);
        this.pmodes = pmodes;
        this.localParty = localParty;
        this.cryptos = cryptos;
        this.transport = transport;
        this.workRoot = workRoot;
    }

    /** Builds, signs, encrypts and POSTs once; the work folder is removed afterwards. */
    public SendResult send(Submission submission) {
        Path workDir = null;
        try {
            workDir = newWorkDir();
            PreparedMessage prepared = prepare(submission, workDir);
            return transmit(prepared);
        } catch (EbmsException e) {
            String messageId = submission.messageId().orElse("(not yet assigned)");
            LOG.warn("message {}: REFUSED before sending: {}", Untrusted.inLog(messageId), e.error());
            return new SendResult.Failed(messageId, e.error().about(messageId), false);
        } catch (IOException e) {
            String messageId = submission.messageId().orElse("(not yet assigned)");
            return new SendResult.Failed(messageId, new EbmsError(EbmsErrorCode.OTHER,
                    "the message cannot be built: " + e.getMessage(), Optional.of(messageId)), true);
        } finally {
            WorkFolders.deleteQuietly(workDir);
        }
    }

    /** The receiver of a message to a participant, looked up again (normally from the cache) for each attempt. */
    public org.imigateway.pmode.Party dynamicReceiver(Submission.Recipient recipient, org.imigateway.pmode.Leg leg)
            throws EbmsException {
        return dynamic.receiver(recipient, leg);
    }

    /** The name of this gateway's own party in the PModes. */
    public String localParty() {
        return localParty;
    }

    public Path newWorkDir() throws IOException {
        Files.createDirectories(workRoot);
        return Files.createTempDirectory(workRoot, "out-");
    }

    /**
     * Everything before the POST, done once per message: checks against the PModes, payload
     * preparation, the header, signature and encryption; the MIME body is written into
     * {@code workDir}, which the caller owns.
     */
    public PreparedMessage prepare(Submission submission, Path workDir) throws EbmsException, IOException {
        OutboundMessage message = resolveRoute.resolve(submission, pmodes.get(), localParty, workDir);
        if (message.receiver().certificates(message.leg().securityProfile()).isEmpty()) {
            throw new EbmsException(EbmsErrorCode.VALUE_INCONSISTENT, "party '" + message.receiver().name() + "' has no "
                    + message.leg().securityProfile().id() + " certificates in the PModes, which leg '"
                    + message.leg().id() + "' uses");
        }
        preparePayloads.prepare(message);
        buildUserMessage.build(message);
        // the receiver's log keeps what ours does: refused here, as the backend's mistake, not at our insert
        HeaderFieldLengths.check(message.messaging().getUserMessages().get(0));
        MimeEnvelope envelope = new MimeEnvelope(SoapEnvelopes.withMessaging(message.messaging()),
                message.parts().stream().map(OutboundMessage.OutboundPart::part).toList());
        List<Element> signed = List.of();
        MimeWriter.Written written;
        Path body = workDir.resolve("request.mime");
        try {
            if (message.leg().sign()) {
                signed = signer.sign(envelope, message.leg().securityProfile(), cryptos, workDir);
            }
            if (message.leg().encrypt()) {
                // the attachments are encrypted as the body is written: their encrypted content is written once
                try (AttachmentEncryptor.Encrypted encrypted = encryptor.encryptForSending(envelope,
                        message.leg().securityProfile(),
                        message.receiver().encryptionCertificate(message.leg().securityProfile()), cryptos, workDir)) {
                    written = mimeWriter.write(envelope.soap(), encrypted.parts(), body);
                }
            } else {
                written = mimeWriter.write(envelope.soap(), envelope.parts(), body);
            }
        } catch (WSSecurityException e) {
            throw new EbmsException(EbmsErrorCode.OTHER, "the message cannot be signed or encrypted: " + e.getMessage(), e);
        }
        String conversationId = message.messaging().getUserMessages().get(0).getCollaborationInfo().getConversationId();
        return new PreparedMessage(message.messageId(), conversationId, message.receiver(), message.leg(), written.file(),
                written.contentType(), signed);
    }

    /** One POST of a prepared message and the check of its answer. */
    public SendResult transmit(PreparedMessage prepared) {
        String messageId = prepared.messageId();
        Path workDir = null;
        try {
            workDir = newWorkDir();
            HttpTransport.Response response = transport.post(prepared.receiver().endpoint().orElseThrow(),
                    prepared.contentType(), prepared.body());
            SendResult result = verifyReceipt.verify(messageId, prepared.leg(), prepared.receiver(),
                    prepared.signedReferences(), response, cryptos, workDir);
            log(result, prepared);
            return result;
        } catch (ConnectException | HttpTimeoutException e) {
            LOG.warn("message {}: SEND_ATTEMPT_FAILED: {}", Untrusted.inLog(messageId), Untrusted.escaped(e.toString()));
            return new SendResult.Failed(messageId, new EbmsError(EbmsErrorCode.CONNECTION_FAILURE,
                    "the receiver cannot be reached: " + e, Optional.of(messageId)), true);
        } catch (IOException e) {
            LOG.warn("message {}: SEND_ATTEMPT_FAILED: {}", Untrusted.inLog(messageId), Untrusted.escaped(e.toString()));
            return new SendResult.Failed(messageId, new EbmsError(EbmsErrorCode.CONNECTION_FAILURE,
                    "the exchange with the receiver failed: " + e, Optional.of(messageId)), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult.Failed(messageId, new EbmsError(EbmsErrorCode.CONNECTION_FAILURE,
                    "sending was interrupted", Optional.of(messageId)), true);
        } finally {
            WorkFolders.deleteQuietly(workDir);
        }
    }

    private static void log(SendResult result, PreparedMessage prepared) {
        if (result instanceof SendResult.Acknowledged) {
            LOG.info("message {} conversation {}: ACKNOWLEDGED by {}", Untrusted.inLog(prepared.messageId()),
                    Untrusted.inLog(prepared.conversationId()),
                    prepared.receiver().name());
        } else if (result instanceof SendResult.Failed failed) {
            LOG.warn("message {} conversation {}: SEND_FAILURE {}", Untrusted.inLog(prepared.messageId()),
                    Untrusted.inLog(prepared.conversationId()),
                    failed.error());
        }
    }
}
