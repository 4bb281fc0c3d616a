package org.imigateway.as4.outflow;

import static org.imigateway.as4.StepParties.RECEIVER;
import static org.imigateway.as4.StepParties.SENDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.imigateway.as4.Dom;
import org.imigateway.as4.MessagingCodec;
import org.imigateway.as4.Namespaces;
import org.imigateway.as4.SoapEnvelopes;
import org.imigateway.as4.StepParties;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.connectors.Submission;
import org.imigateway.schemas.ebms3.UserMessage;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.diff.Diff;

/**
 * BuildUserMessage: the eb:UserMessage says who sends what to whom on which leg: one From and one
 * To party, the leg's agreement and service type, a ConversationId (made up when none is given),
 * the message properties and one PartInfo per payload.
 */
class BuildUserMessageTest {

    private static final StepParties PARTIES = StepParties.get();
    private static final String UNREGISTERED = "urn:oasis:names:tc:ebcore:partyid-type:unregistered";
    private final BuildUserMessage step = new BuildUserMessage();

    @Test
    void theHeaderNamesPartiesLegPropertiesAndEachPayload() throws Exception {
        OutboundMessage message = prepared(PARTIES.submission(StepParties.PLAIN).messageId("built@step")
                .refToMessageId("earlier@step").conversationId("conversation@step")
                .property(MessageProperty.of("originalSender", "urn:authority:a"))
                .property(MessageProperty.typed("finalRecipient", "urn:authority:b", "iso6523"))
                .payload(PARTIES.xmlPayload("<note xmlns=\"urn:hostile\">built</note>")).build());

        step.build(message);

        String eb = Namespaces.EBMS;
        String expected = "<eb:Messaging xmlns:eb='" + eb + "' xmlns:S12='" + Namespaces.SOAP12 + "'"
                + " S12:mustUnderstand='true'><eb:UserMessage>"
                + "<eb:MessageInfo><eb:Timestamp/><eb:MessageId>built@step</eb:MessageId>"
                + "<eb:RefToMessageId>earlier@step</eb:RefToMessageId></eb:MessageInfo>"
                + "<eb:PartyInfo>"
                + "<eb:From><eb:PartyId type='" + UNREGISTERED + "'>" + SENDER + "</eb:PartyId>"
                + "<eb:Role>" + Namespaces.DEFAULT_INITIATOR_ROLE + "</eb:Role></eb:From>"
                + "<eb:To><eb:PartyId type='" + UNREGISTERED + "'>" + RECEIVER + "</eb:PartyId>"
                + "<eb:Role>" + Namespaces.DEFAULT_RESPONDER_ROLE + "</eb:Role></eb:To>"
                + "</eb:PartyInfo>"
                + "<eb:CollaborationInfo><eb:AgreementRef>" + DemoNetwork.AGREEMENT + "</eb:AgreementRef>"
                + "<eb:Service type='" + DemoNetwork.SERVICE_TYPE + "'>" + DemoNetwork.SERVICE + "</eb:Service>"
                + "<eb:Action>" + StepParties.PLAIN + "</eb:Action>"
                + "<eb:ConversationId>conversation@step</eb:ConversationId></eb:CollaborationInfo>"
                + "<eb:MessageProperties><eb:Property name='originalSender'>urn:authority:a</eb:Property>"
                + "<eb:Property name='finalRecipient' type='iso6523'>urn:authority:b</eb:Property></eb:MessageProperties>"
                + "<eb:PayloadInfo><eb:PartInfo href='" + message.parts().get(0).part().href() + "'>"
                + "<eb:PartProperties><eb:Property name='MimeType'>application/xml</eb:Property></eb:PartProperties>"
                + "</eb:PartInfo></eb:PayloadInfo>"
                + "</eb:UserMessage></eb:Messaging>";
        Element written = messaging(message);
        Diff diff = DiffBuilder.compare(expected).withTest(written).ignoreWhitespace().checkForSimilar()
                .withNodeFilter(node -> !"Timestamp".equals(node.getParentNode() == null ? null
                        : node.getParentNode().getLocalName()))
                .build();
        assertFalse(diff.hasDifferences(), diff::toString);
        MessagingCodec.read(written); // valid against the ebMS 3.0 header schema
    }

    @Test
    void aConversationIdIsMadeWhenTheBackendGaveNone() throws Exception {
        OutboundMessage message = prepared(PARTIES.submission(DemoNetwork.ACTION).build());

        step.build(message);

        assertFalse(user(message).getCollaborationInfo().getConversationId().isBlank());
    }

    @Test
    void theServiceTypeComesFromTheLegWhenTheBackendGaveNone() throws Exception {
        OutboundMessage message = prepared(Submission.to(RECEIVER).service(DemoNetwork.SERVICE).action(DemoNetwork.ACTION)
                .build());

        step.build(message);

        assertEquals(DemoNetwork.SERVICE_TYPE, user(message).getCollaborationInfo().getService().getType());
    }

    @Test
    void aMessageToAParticipantNamesItAsFinalRecipientUnlessTheBackendDid() {
        Submission.Builder toParticipant = Submission.toParticipant("iso6523-actorid-upis::0088:imi-b",
                "imi-doctype::urn:imi:request:1.0", "imi-process::urn:imi:cooperation").service(DemoNetwork.SERVICE)
                .action(DemoNetwork.ACTION).property(MessageProperty.of("originalSender", "urn:imi:a"));
        assertEquals(List.of(MessageProperty.of("originalSender", "urn:imi:a"),
                MessageProperty.typed("finalRecipient", "0088:imi-b", "iso6523-actorid-upis")),
                BuildUserMessage.messageProperties(toParticipant.build()));
        Submission named = toParticipant.property(MessageProperty.of("finalRecipient", "urn:imi:authority-b")).build();
        assertEquals(named.properties(), BuildUserMessage.messageProperties(named));
        Submission toParty = Submission.to(RECEIVER).service(DemoNetwork.SERVICE).action(DemoNetwork.ACTION).build();
        assertEquals(List.of(), BuildUserMessage.messageProperties(toParty));
    }

    @Test
    void aMessageWithoutPayloadsHasNoPayloadInfo() throws Exception {
        OutboundMessage message = prepared(PARTIES.submission(DemoNetwork.ACTION).build());

        step.build(message);

        assertNull(user(message).getPayloadInfo());
        assertNull(user(message).getMessageProperties());
    }

    private static OutboundMessage prepared(Submission submission) throws Exception {
        OutboundMessage message = new ResolveRoute().resolve(submission, PARTIES.pmodes, SENDER,
                PARTIES.newFolder("build-"));
        new PreparePayloads().prepare(message);
        return message;
    }

    private static UserMessage user(OutboundMessage message) {
        return message.messaging().getUserMessages().get(0);
    }

    private static Element messaging(OutboundMessage message) {
        Element header = Dom.child(SoapEnvelopes.withMessaging(message.messaging()).getDocumentElement(),
                Namespaces.SOAP12, "Header").orElseThrow();
        return Dom.child(header, Namespaces.EBMS, "Messaging").orElseThrow();
    }
}
