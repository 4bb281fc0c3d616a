package org.imigateway.testsupport.phase4;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Node;

import com.helger.collection.commons.ICommonsList;
import com.helger.http.header.HttpHeaderMap;
import com.helger.phase4.CAS4;
import com.helger.phase4.attachment.WSS4JAttachment;
import com.helger.phase4.ebms3header.Ebms3PartInfo;
import com.helger.phase4.ebms3header.Ebms3PartyId;
import com.helger.phase4.ebms3header.Ebms3Property;
import com.helger.phase4.ebms3header.Ebms3SignalMessage;
import com.helger.phase4.ebms3header.Ebms3UserMessage;
import com.helger.phase4.error.AS4ErrorList;
import com.helger.phase4.incoming.IAS4IncomingMessageMetadata;
import com.helger.phase4.incoming.IAS4IncomingMessageState;
import com.helger.phase4.incoming.spi.AS4MessageProcessorResult;
import com.helger.phase4.incoming.spi.AS4SignalMessageProcessorResult;
import com.helger.phase4.incoming.spi.IAS4IncomingMessageProcessorSPI;
import com.helger.phase4.model.error.EEbmsError;
import com.helger.phase4.model.pmode.IPMode;

/**
 * The last step of {@link Phase4Receiver}: refuses unsigned UserMessages and unreadable payloads,
 * answers pings without recording them, records the others.
 *
 * <p>phase4 verifies a signature when there is one but lets a message without any through; the
 * eDelivery AS4 profile requires every UserMessage to be signed, so the missing signature is
 * answered here with EBMS:0101 FailedAuthentication.
 */
final class RecordingProcessor implements IAS4IncomingMessageProcessorSPI {

    private static final Logger LOG = LoggerFactory.getLogger(RecordingProcessor.class);
    private static final String CID = "cid:";

    private final Consumer<Phase4Received> accepted;
    private final Consumer<String> refused;

    RecordingProcessor(Consumer<Phase4Received> accepted, Consumer<String> refused) {
        this.accepted = accepted;
        this.refused = refused;
    }

    @Override
    public AS4MessageProcessorResult processAS4UserMessage(IAS4IncomingMessageMetadata metadata,
                                                           HttpHeaderMap headers,
                                                           Ebms3UserMessage userMessage,
                                                           IPMode pmode,
                                                           Node soapBodyPayload,
                                                           ICommonsList<WSS4JAttachment> attachments,
                                                           IAS4IncomingMessageState state,
                                                           AS4ErrorList errors) {
        String messageId = userMessage.getMessageInfo().getMessageId();
        String conversationId = userMessage.getCollaborationInfo().getConversationId();
        if (!state.isSoapSignatureChecked()) {
            LOG.info("phase4 peer refused MessageId={} ConversationId={}: not signed", messageId, conversationId);
            errors.add(EEbmsError.EBMS_FAILED_AUTHENTICATION.errorBuilder(Locale.US)
                    .refToMessageInError(messageId)
                    .errorDetail("The UserMessage carries no WS-Security signature; the eDelivery AS4 profile"
                            + " requires eb:Messaging, the SOAP Body and every attachment to be signed")
                    .build());
            refused.accept(messageId);
            return AS4MessageProcessorResult.createFailure();
        }
        if (isPing(userMessage)) {
            // AS4 profile, ping service: receipted like any message, never delivered
            LOG.info("phase4 peer answered a ping MessageId={}", messageId);
            return AS4MessageProcessorResult.createSuccess();
        }
        Phase4Received received;
        try {
            received = toReceived(userMessage, attachments, state.isSoapDecrypted());
        } catch (UnreadablePayload e) {
            // phase4 gunzips only when the payload is read, so a damaged stream shows here
            LOG.info("phase4 peer refused MessageId={} ConversationId={}: {}", messageId, conversationId, e.getMessage());
            errors.add(EEbmsError.EBMS_DECOMPRESSION_FAILURE.errorBuilder(Locale.US)
                    .refToMessageInError(messageId)
                    .errorDetail(e.getMessage())
                    .build());
            refused.accept(messageId);
            return AS4MessageProcessorResult.createFailure();
        }
        accepted.accept(received);
        LOG.info("phase4 peer received MessageId={} ConversationId={}", messageId, conversationId);
        return AS4MessageProcessorResult.createSuccess();
    }

    @Override
    public AS4SignalMessageProcessorResult processAS4SignalMessage(IAS4IncomingMessageMetadata metadata,
                                                                   HttpHeaderMap headers,
                                                                   Ebms3SignalMessage signalMessage,
                                                                   IPMode pmode,
                                                                   IAS4IncomingMessageState state,
                                                                   AS4ErrorList errors) {
        return AS4SignalMessageProcessorResult.createSuccess();
    }

    @Override
    public void processAS4ResponseMessage(IAS4IncomingMessageMetadata metadata,
                                          IAS4IncomingMessageState state,
                                          String responseMessageId,
                                          byte[] response,
                                          boolean responsePayloadIsAvailable,
                                          AS4ErrorList errors) {
        // The receipt or error phase4 answers with needs no recording.
    }

    private static boolean isPing(Ebms3UserMessage message) {
        var collaboration = message.getCollaborationInfo();
        return CAS4.DEFAULT_SERVICE_URL.equals(collaboration.getService().getValue())
                && CAS4.DEFAULT_ACTION_URL.equals(collaboration.getAction());
    }

    private static Phase4Received toReceived(Ebms3UserMessage message, List<WSS4JAttachment> attachments,
                                             boolean decrypted) {
        var parties = message.getPartyInfo();
        var collaboration = message.getCollaborationInfo();
        List<Phase4Property> properties = new ArrayList<>();
        if (message.getMessageProperties() != null) {
            for (Ebms3Property property : message.getMessageProperties().getProperty()) {
                properties.add(new Phase4Property(property.getName(), property.getValue(),
                        Optional.ofNullable(property.getType())));
            }
        }
        List<Phase4Received.Payload> payloads = new ArrayList<>();
        if (message.getPayloadInfo() != null) {
            for (Ebms3PartInfo part : message.getPayloadInfo().getPartInfo()) {
                attachmentFor(part, attachments).ifPresent(attachment -> payloads.add(payload(part, attachment)));
            }
        }
        return new Phase4Received(
                message.getMessageInfo().getMessageId(),
                orEmpty(collaboration.getConversationId()),
                party(parties.getFrom().getPartyId().get(0)),
                orEmpty(parties.getFrom().getRole()),
                party(parties.getTo().getPartyId().get(0)),
                orEmpty(parties.getTo().getRole()),
                orEmpty(collaboration.getService().getValue()),
                orEmpty(collaboration.getService().getType()),
                orEmpty(collaboration.getAction()),
                collaboration.getAgreementRef() == null ? "" : orEmpty(collaboration.getAgreementRef().getValue()),
                properties,
                payloads,
                decrypted);
    }

    private static Optional<WSS4JAttachment> attachmentFor(Ebms3PartInfo part, List<WSS4JAttachment> attachments) {
        String href = part.getHref();
        if (href == null || !href.startsWith(CID)) {
            return Optional.empty();
        }
        String contentId = href.substring(CID.length());
        return attachments.stream().filter(a -> contentIdOf(a).equals(contentId)).findFirst();
    }

    private static Phase4Received.Payload payload(Ebms3PartInfo part, WSS4JAttachment attachment) {
        Map<String, String> partProperties = new LinkedHashMap<>();
        if (part.getPartProperties() != null) {
            for (Ebms3Property property : part.getPartProperties().getProperty()) {
                partProperties.put(property.getName(), property.getValue());
            }
        }
        // getSourceStream() undoes the gzip compression phase4 detected from the PartInfo.
        try (InputStream content = attachment.getSourceStream()) {
            return new Phase4Received.Payload(contentIdOf(attachment), content.readAllBytes(),
                    orEmpty(attachment.getMimeType()), partProperties);
        } catch (IOException | RuntimeException e) {
            throw new UnreadablePayload("attachment " + attachment.getId() + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** A payload whose content cannot be read (a damaged gzip stream, a broken part). */
    private static final class UnreadablePayload extends RuntimeException {
        UnreadablePayload(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static String contentIdOf(WSS4JAttachment attachment) {
        String id = attachment.getId();
        return id.startsWith("attachment=") ? id.substring("attachment=".length()) : id;
    }

    private static Phase4Party party(Ebms3PartyId id) {
        return new Phase4Party(id.getValue(), orEmpty(id.getType()));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
