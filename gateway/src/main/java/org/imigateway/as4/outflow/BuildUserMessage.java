package org.imigateway.as4.outflow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.imigateway.as4.MessageIds;
import org.imigateway.as4.Namespaces;
import org.imigateway.as4.Timestamps;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.connectors.Submission;
import org.imigateway.pmode.Party;
import org.imigateway.schemas.ebms3.AgreementRef;
import org.imigateway.schemas.ebms3.CollaborationInfo;
import org.imigateway.schemas.ebms3.From;
import org.imigateway.schemas.ebms3.MessageInfo;
import org.imigateway.schemas.ebms3.MessageProperties;
import org.imigateway.schemas.ebms3.Messaging;
import org.imigateway.schemas.ebms3.PartInfo;
import org.imigateway.schemas.ebms3.PartProperties;
import org.imigateway.schemas.ebms3.PartyId;
import org.imigateway.schemas.ebms3.PartyInfo;
import org.imigateway.schemas.ebms3.PayloadInfo;
import org.imigateway.schemas.ebms3.Property;
import org.imigateway.schemas.ebms3.Service;
import org.imigateway.schemas.ebms3.To;
import org.imigateway.schemas.ebms3.UserMessage;

/**
 * Writes the eb:UserMessage header: MessageInfo, one From and one To party (AS4 profile),
 * CollaborationInfo with a ConversationId made up when the backend gave none, the message
 * properties (originalSender / finalRecipient among them) and one PartInfo per payload.
 */
public final class BuildUserMessage {

    static final String FINAL_RECIPIENT = "finalRecipient";

    public void build(OutboundMessage message) {
        var submission = message.submission();
        UserMessage user = new UserMessage();
        MessageInfo info = new MessageInfo();
        info.setTimestamp(Timestamps.of(Instant.now()));
        info.setMessageId(message.messageId());
        submission.refToMessageId().ifPresent(info::setRefToMessageId);
        user.setMessageInfo(info);

        PartyInfo parties = new PartyInfo();
        From from = new From();
        from.getPartyIds().add(partyId(message.sender()));
        from.setRole(Namespaces.DEFAULT_INITIATOR_ROLE);
        To to = new To();
        to.getPartyIds().add(partyId(message.receiver()));
        to.setRole(Namespaces.DEFAULT_RESPONDER_ROLE);
        parties.setFrom(from);
        parties.setTo(to);
        user.setPartyInfo(parties);

        CollaborationInfo collaboration = new CollaborationInfo();
        message.leg().agreement().ifPresent(value -> {
            AgreementRef agreement = new AgreementRef();
            agreement.setValue(value);
            message.leg().agreementType().ifPresent(agreement::setType);
            collaboration.setAgreementRef(agreement);
        });
        Service service = new Service();
        service.setValue(submission.service());
        submission.serviceType().or(() -> message.leg().serviceType()).ifPresent(service::setType);
        collaboration.setService(service);
        collaboration.setAction(submission.action());
        collaboration.setConversationId(submission.conversationId().orElseGet(MessageIds::newConversationId));
        user.setCollaborationInfo(collaboration);

        List<MessageProperty> messageProperties = messageProperties(submission);
        if (!messageProperties.isEmpty()) {
            MessageProperties properties = new MessageProperties();
            for (MessageProperty p : messageProperties) {
                properties.getProperties().add(property(p));
            }
            user.setMessageProperties(properties);
        }
        if (!message.parts().isEmpty()) {
            PayloadInfo payloads = new PayloadInfo();
            for (OutboundMessage.OutboundPart part : message.parts()) {
                PartInfo partInfo = new PartInfo();
                partInfo.setHref(part.part().href());
                PartProperties partProperties = new PartProperties();
                for (MessageProperty p : part.properties()) {
                    partProperties.getProperties().add(property(p));
                }
                partInfo.setPartProperties(partProperties);
                payloads.getPartInfos().add(partInfo);
            }
            user.setPayloadInfo(payloads);
        }
        Messaging messaging = new Messaging();
        messaging.getUserMessages().add(user);
        message.messaging(messaging);
    }

    /**
     * The submission's properties; a message to a participant names it as {@code finalRecipient}
     * (value and scheme as type, the four-corner property eDelivery and Peppol use) unless the
     * backend named a final recipient itself, so the receiving backend learns whom it is for.
     */
    static List<MessageProperty> messageProperties(Submission submission) {
        if (submission.recipient().isEmpty() || submission.property(FINAL_RECIPIENT).isPresent()) {
            return submission.properties();
        }
        String participant = submission.recipient().get().participant().trim();
        int cut = participant.indexOf("::");
        MessageProperty finalRecipient = cut < 0 ? MessageProperty.of(FINAL_RECIPIENT, participant)
                : MessageProperty.typed(FINAL_RECIPIENT, participant.substring(cut + 2), participant.substring(0, cut));
        List<MessageProperty> all = new ArrayList<>(submission.properties());
        all.add(finalRecipient);
        return all;
    }

    private static PartyId partyId(Party party) {
        PartyId id = new PartyId();
        id.setValue(party.partyId().value());
        if (!party.partyId().type().isEmpty()) {
            id.setType(party.partyId().type());
        }
        return id;
    }

    private static Property property(MessageProperty p) {
        Property property = new Property();
        property.setName(p.name());
        property.setValue(p.value());
        p.type().ifPresent(property::setType);
        return property;
    }
}
