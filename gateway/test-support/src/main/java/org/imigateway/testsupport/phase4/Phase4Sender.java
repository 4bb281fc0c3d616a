package org.imigateway.testsupport.phase4;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.helger.httpclient.HttpClientSettings;
import com.helger.mime.parse.MimeTypeParser;
import com.helger.phase4.attachment.AS4OutgoingAttachment;
import com.helger.phase4.client.AS4ClientSentMessage;
import com.helger.phase4.ebms3header.Ebms3Error;
import com.helger.phase4.ebms3header.Ebms3SignalMessage;
import com.helger.phase4.incoming.IAS4IncomingMessageState;
import com.helger.phase4.messaging.http.HttpRetrySettings;
import com.helger.phase4.model.MessageProperty;
import com.helger.phase4.model.message.MessageHelperMethods;
import com.helger.phase4.model.pmode.PMode;
import com.helger.phase4.model.pmode.PModeParty;
import com.helger.phase4.sender.AS4Sender;
import com.helger.phase4.sender.EAS4UserMessageSendResult;
import com.helger.phase4.sender.IAS4SignalMessageValidationResultHandler;
import com.helger.phase4.util.AS4XMLHelper;
import com.helger.phase4.util.Phase4Exception;

/**
 * Sends one UserMessage with phase4 under the {@link Edelivery115Profile} and reports what came
 * back. phase4 verifies the signal's signature and certificate trust with the submission's trust
 * store, and compares the receipt's non-repudiation information with the references it signed;
 * both results are in the outcome. The peer sends exactly once: no HTTP or ebMS retries.
 */
public final class Phase4Sender {

    private static final Logger LOG = LoggerFactory.getLogger(Phase4Sender.class);

    private final Duration connectTimeout;
    private final Duration responseTimeout;
    private final Optional<SSLContext> tls;

    /** Connects within 5 s and waits up to 60 s for the receipt. */
    public Phase4Sender() {
        this(Duration.ofSeconds(5), Duration.ofSeconds(60));
    }

    public Phase4Sender(Duration connectTimeout, Duration responseTimeout) {
        this(connectTimeout, responseTimeout, Optional.empty());
    }

    private Phase4Sender(Duration connectTimeout, Duration responseTimeout, Optional<SSLContext> tls) {
        this.connectTimeout = connectTimeout;
        this.responseTimeout = responseTimeout;
        this.tls = tls;
    }

    /** A sender for https endpoints that trusts what {@code context} trusts (host names are verified). */
    public Phase4Sender withTls(SSLContext context) {
        return new Phase4Sender(connectTimeout, responseTimeout, Optional.of(context));
    }

    public Phase4SendOutcome send(Phase4Submission submission) {
        String messageId = submission.messageId().orElseGet(MessageHelperMethods::createRandomMessageID);
        try {
            Phase4SendOutcome outcome = Phase4Runtime.inRequestScope(() -> sendInScope(submission, messageId));
            LOG.info("phase4 peer sent MessageId={} ConversationId={} to {}: {}", messageId,
                    submission.conversationId().orElse("(generated)"), submission.endpoint(),
                    outcome.getClass().getSimpleName());
            return outcome;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("phase4 could not send MessageId " + messageId, e);
        }
    }

    private Phase4SendOutcome sendInScope(Phase4Submission submission, String messageId) throws Exception {
        AtomicReference<AS4ClientSentMessage<byte[]>> response = new AtomicReference<>();
        AtomicReference<Ebms3SignalMessage> signal = new AtomicReference<>();
        AtomicReference<IAS4IncomingMessageState> signalState = new AtomicReference<>();
        AtomicReference<Phase4Exception> failure = new AtomicReference<>();
        NonRepudiationCheck nonRepudiation = new NonRepudiationCheck();

        HttpClientSettings http = new HttpClientSettings()
                .setConnectTimeout(Timeout.of(connectTimeout))
                .setResponseTimeout(Timeout.of(responseTimeout))
                .setRetryCount(0);
        tls.ifPresent(http::setSSLContext);
        AS4Sender.BuilderUserMessage builder = AS4Sender.builderUserMessage()
                .httpClientFactory(http)
                .httpRetrySettings(new HttpRetrySettings().setMaxRetries(0))
                .as4ProfileID(submission.profile().id())
                .pmode(pmodeFor(submission))
                .cryptoFactory(submission.keys().cryptoFactory())
                // Copy the profile's parameters first: the receiver certificate lives in the crypt
                // parameters too and must be set after them.
                .withSigningParams(params -> submission.profile().signingParams().cloneTo(params))
                .withCryptParams(params -> submission.profile().cryptParams().cloneTo(params))
                .messageID(messageId)
                .fromPartyIDType(typeOrNull(submission.from()))
                .fromPartyID(submission.from().id())
                .fromRole(submission.fromRole())
                .toPartyIDType(typeOrNull(submission.to()))
                .toPartyID(submission.to().id())
                .toRole(submission.toRole())
                .service(submission.serviceType().orElse(null), submission.service())
                .action(submission.action())
                .agreementRef(submission.agreementRef().orElse(null))
                .conversationID(submission.conversationId().orElse(null))
                .endpointURL(submission.endpoint().toString())
                .rawResponseConsumer(response::set)
                .signalMsgConsumer((message, metadata, state) -> {
                    signal.set(message);
                    signalState.set(state);
                })
                .signalMsgValidationResultHdl(nonRepudiation);
        submission.receiverCertificate().ifPresent(builder::receiverCertificate);
        for (Phase4Property property : submission.messageProperties()) {
            builder.addMessageProperty(MessageProperty.builder()
                    .name(property.name())
                    .value(property.value())
                    .type(property.type().orElse(null)));
        }
        for (Phase4Payload payload : submission.payloads()) {
            builder.addAttachment(attachment(payload));
        }

        EAS4UserMessageSendResult result = builder.sendMessageAndCheckForReceipt(failure::set);
        return switch (result) {
            case SUCCESS -> new Phase4SendOutcome.ReceiptReceived(messageId,
                    nullToEmpty(signal.get().getMessageInfo().getRefToMessageId()),
                    signalXml(signalState.get()),
                    signalState.get().isSoapSignatureChecked(),
                    nonRepudiation.verdict(),
                    nonRepudiation.problems());
            case AS4_ERROR_MESSAGE_RECEIVED -> new Phase4SendOutcome.ErrorsReceived(messageId,
                    errorsOf(signal.get()),
                    signalXml(signalState.get()),
                    signalState.get().isSoapSignatureChecked());
            case INVALID_PARAMETERS -> throw new IllegalArgumentException(
                    "phase4 refused the submission for MessageId " + messageId + " (its log names the field)");
            case NO_SIGNAL_MESSAGE_RECEIVED, INVALID_SIGNAL_MESSAGE_RECEIVED, TRANSPORT_ERROR,
                    TRANSPORT_ERROR_NO_RETRY -> notAccepted(messageId, result, response.get(), failure.get());
        };
    }

    private static Phase4SendOutcome notAccepted(String messageId, EAS4UserMessageSendResult result,
                                                 AS4ClientSentMessage<byte[]> response, Phase4Exception failure) {
        String detail = result.getID() + (failure == null ? "" : ": " + describe(failure));
        if (response == null) {
            return new Phase4SendOutcome.TransportFailure(messageId, detail);
        }
        int status = response.hasResponseStatusLine() ? response.getResponseStatusLine().getStatusCode() : 0;
        String body = response.hasResponseContent()
                ? new String(response.getResponseContent(), StandardCharsets.UTF_8)
                : "";
        return new Phase4SendOutcome.ResponseRejected(messageId, status, detail, body);
    }

    private static PMode pmodeFor(Phase4Submission submission) {
        PMode pmode = submission.profile().pmode(
                new PModeParty(typeOrNull(submission.from()), submission.from().id(), submission.fromRole(), null, null),
                new PModeParty(typeOrNull(submission.to()), submission.to().id(), submission.toRole(), null, null),
                submission.endpoint().toString());
        if (!submission.signed()) {
            // phase4 signs whenever the P-Mode names a signature algorithm; removing it is the
            // only way to make phase4 send an unsigned message.
            pmode.getLeg1().getSecurity().disableSigning();
        }
        return pmode;
    }

    private static AS4OutgoingAttachment attachment(Phase4Payload payload) {
        AS4OutgoingAttachment.Builder attachment = AS4OutgoingAttachment.builder()
                .mimeType(MimeTypeParser.safeParseMimeType(payload.mimeType()));
        payload.bytes().ifPresent(attachment::data);
        payload.file().ifPresent(file -> attachment.data(file.toFile()));
        payload.contentId().ifPresentOrElse(attachment::contentID, attachment::reandomContentID);
        payload.charset().ifPresent(attachment::charset);
        payload.fileName().ifPresent(attachment::filename);
        if (payload.compress()) {
            attachment.compressionGZIP();
        }
        payload.partProperties().forEach(attachment::addCustomProperty);
        return attachment.build();
    }

    private static List<Phase4SendOutcome.EbmsError> errorsOf(Ebms3SignalMessage signal) {
        List<Phase4SendOutcome.EbmsError> errors = new ArrayList<>();
        for (Ebms3Error error : signal.getError()) {
            errors.add(new Phase4SendOutcome.EbmsError(nullToEmpty(error.getErrorCode()),
                    nullToEmpty(error.getSeverity()),
                    nullToEmpty(error.getShortDescription()),
                    nullToEmpty(error.getErrorDetail()),
                    nullToEmpty(error.getRefToMessageInError())));
        }
        return errors;
    }

    private static String signalXml(IAS4IncomingMessageState state) {
        return state.hasOriginalSoapDocument() ? AS4XMLHelper.serializeXML(state.getOriginalSoapDocument()) : "";
    }

    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder(String.valueOf(failure.getMessage()));
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            text.append(" <- ").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
        }
        return text.toString();
    }

    private static String typeOrNull(Phase4Party party) {
        return party.type().isEmpty() ? null : party.type();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    /** Collects phase4's comparison of the receipt's NonRepudiationInformation with what was signed. */
    private static final class NonRepudiationCheck implements IAS4SignalMessageValidationResultHandler {

        private final List<String> problems = new ArrayList<>();
        private Phase4SendOutcome.NonRepudiation verdict = Phase4SendOutcome.NonRepudiation.NOT_APPLICABLE;

        @Override
        public void onSuccess() {
            if (problems.isEmpty()) {
                verdict = Phase4SendOutcome.NonRepudiation.MATCHED;
            }
        }

        @Override
        public void onError(String message) {
            problems.add(message);
            verdict = Phase4SendOutcome.NonRepudiation.MISMATCHED;
        }

        @Override
        public void onNotApplicable() {
            verdict = Phase4SendOutcome.NonRepudiation.NOT_APPLICABLE;
        }

        Phase4SendOutcome.NonRepudiation verdict() {
            return verdict;
        }

        List<String> problems() {
            return problems;
        }
    }
}
