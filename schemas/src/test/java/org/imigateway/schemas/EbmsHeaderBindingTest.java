package org.imigateway.schemas;

import static org.imigateway.schemas.HardenedXml.sample;
import static org.imigateway.schemas.HardenedXml.validate;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.Marshaller;
import java.time.Instant;
import java.util.List;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.namespace.QName;
import javax.xml.transform.dom.DOMResult;
import org.imigateway.schemas.ebbp.MessagePartNRInformation;
import org.imigateway.schemas.ebbp.NonRepudiationInformation;
import org.imigateway.schemas.ebms3.CollaborationInfo;
import org.imigateway.schemas.ebms3.ErrorSignal;
import org.imigateway.schemas.ebms3.From;
import org.imigateway.schemas.ebms3.MessageInfo;
import org.imigateway.schemas.ebms3.Messaging;
import org.imigateway.schemas.ebms3.PartInfo;
import org.imigateway.schemas.ebms3.PartyId;
import org.imigateway.schemas.ebms3.PartyInfo;
import org.imigateway.schemas.ebms3.Property;
import org.imigateway.schemas.ebms3.Receipt;
import org.imigateway.schemas.ebms3.Service;
import org.imigateway.schemas.ebms3.SignalMessage;
import org.imigateway.schemas.ebms3.To;
import org.imigateway.schemas.ebms3.UserMessage;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class EbmsHeaderBindingTest {

    private static final String WSU =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";

    private final JAXBContext ebms = newContext(org.imigateway.schemas.ebms3.ObjectFactory.class);
    private final JAXBContext ebbp = newContext(org.imigateway.schemas.ebbp.ObjectFactory.class);

    @Test
    void userMessageUnmarshalsIntoTheGeneratedClasses() throws Exception {
        Messaging messaging = (Messaging) ebms.createUnmarshaller().unmarshal(sample("user-message.xml"));

        assertTrue(messaging.isMustUnderstand12());
        assertEquals("_eb-7f3c21", messaging.getOtherAttributes().get(new QName(WSU, "Id")));
        assertEquals(1, messaging.getUserMessages().size());
        UserMessage user = messaging.getUserMessages().get(0);
        assertEquals("http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/defaultMPC", user.getMpc());

        MessageInfo info = user.getMessageInfo();
        assertEquals("c2f7e0a4-6b1d-4d3e-9a51-0f8e2b7c4d19@ap.imi-be.example.eu", info.getMessageId());
        assertEquals(Instant.parse("2026-11-27T09:15:42.318Z"),
                info.getTimestamp().toGregorianCalendar().toInstant());
        assertNull(info.getRefToMessageId());

        From from = user.getPartyInfo().getFrom();
        assertEquals("imi-ap-be", from.getPartyIds().get(0).getValue());
        assertEquals("urn:oasis:names:tc:ebcore:partyid-type:unregistered", from.getPartyIds().get(0).getType());
        assertEquals("http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/responder",
                user.getPartyInfo().getTo().getRole());

        CollaborationInfo collaboration = user.getCollaborationInfo();
        assertEquals("imi-request-leg", collaboration.getAgreementRef().getPmode());
        assertEquals("urn:imigateway:agreement", collaboration.getAgreementRef().getType());
        assertEquals("urn:imigateway:service:information-request", collaboration.getService().getValue());
        assertEquals("urn:imigateway:service", collaboration.getService().getType());
        assertEquals("SubmitRequest", collaboration.getAction());
        assertEquals("4a8d1e52-93b0-4c7f-b6a2-71e5d0c3f8aa", collaboration.getConversationId());

        List<Property> properties = user.getMessageProperties().getProperties();
        assertEquals(List.of("originalSender", "finalRecipient", "trackingIdentifier"),
                properties.stream().map(Property::getName).toList());
        assertEquals("urn:imigateway:authority", properties.get(0).getType());
        assertNull(properties.get(2).getType());

        List<PartInfo> parts = user.getPayloadInfo().getPartInfos();
        assertEquals(List.of("cid:request-1@ap.imi-be.example.eu", "cid:attachment-1@ap.imi-be.example.eu"),
                parts.stream().map(PartInfo::getHref).toList());
        assertEquals("urn:imigateway:request:1", parts.get(0).getSchema().getLocation());
        assertEquals("en", parts.get(0).getDescription().getLang());
        assertEquals("application/gzip", parts.get(1).getPartProperties().getProperties().stream()
                .filter(p -> p.getName().equals("CompressionType")).findFirst().orElseThrow().getValue());
    }

    @Test
    void receiptContentUnmarshalsAsNonRepudiationInformation() throws Exception {
        Messaging messaging = (Messaging) ebms.createUnmarshaller().unmarshal(sample("receipt.xml"));

        assertEquals("_eb-receipt-91d0", messaging.getId());
        SignalMessage signal = messaging.getSignalMessages().get(0);
        assertEquals("c2f7e0a4-6b1d-4d3e-9a51-0f8e2b7c4d19@ap.imi-be.example.eu",
                signal.getMessageInfo().getRefToMessageId());
        Receipt receipt = signal.getReceipt();
        assertEquals(1, receipt.getContent().size());

        // the receipt holds what the profile puts there as DOM; ebbp's context reads it
        Element content = receipt.getContent().get(0);
        NonRepudiationInformation nri = assertInstanceOf(NonRepudiationInformation.class,
                ebbp.createUnmarshaller().unmarshal(content));
        List<MessagePartNRInformation> parts = nri.getMessagePartNRInformations();
        assertEquals(List.of("#_eb-7f3c21", "#_body-5e02aa", "cid:request-1@ap.imi-be.example.eu",
                        "cid:attachment-1@ap.imi-be.example.eu"),
                parts.stream().map(part -> part.getReference().getURI()).toList());
        assertEquals("http://www.w3.org/2001/04/xmlenc#sha256",
                parts.get(0).getReference().getDigestMethod().getAlgorithm());
        assertEquals(32, parts.get(0).getReference().getDigestValue().length);
    }

    @Test
    void errorSignalCarriesEveryAttributeOfTheError() throws Exception {
        Messaging messaging = (Messaging) ebms.createUnmarshaller().unmarshal(sample("error-signal.xml"));

        ErrorSignal error = messaging.getSignalMessages().get(0).getErrors().get(0);
        assertEquals("Content", error.getCategory());
        assertEquals("EBMS:0010", error.getErrorCode());
        assertEquals("ebMS", error.getOrigin());
        assertEquals("e9a8b7c6-d5e4-43f2-a1b0-c9d8e7f6a5b4@ap.imi-be.example.eu", error.getRefToMessageInError());
        assertEquals("failure", error.getSeverity());
        assertEquals("ProcessingModeMismatch", error.getShortDescription());
        assertEquals("No PMode leg for this service and action", error.getDescription().getValue());
        assertTrue(error.getErrorDetail().startsWith("Action 'SubmitRequestV2'"), error.getErrorDetail());
    }

    @Test
    void messagingBuiltInJavaMarshalsToASchemaValidHeader() throws Exception {
        Messaging messaging = new Messaging();
        messaging.setMustUnderstand12(true);
        UserMessage user = new UserMessage();
        MessageInfo info = new MessageInfo();
        info.setTimestamp(DatatypeFactory.newInstance().newXMLGregorianCalendar("2026-11-27T10:00:00Z"));
        info.setMessageId("built-in-java@ap.imi-be.example.eu");
        user.setMessageInfo(info);
        PartyInfo parties = new PartyInfo();
        From from = new From();
        from.getPartyIds().add(partyId("imi-ap-be"));
        from.setRole("http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/initiator");
        To to = new To();
        to.getPartyIds().add(partyId("imi-ap-nl"));
        to.setRole("http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/responder");
        parties.setFrom(from);
        parties.setTo(to);
        user.setPartyInfo(parties);
        CollaborationInfo collaboration = new CollaborationInfo();
        Service service = new Service();
        service.setValue("http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/service");
        collaboration.setService(service);
        collaboration.setAction("http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/test");
        collaboration.setConversationId("ping-1");
        user.setCollaborationInfo(collaboration);
        messaging.getUserMessages().add(user);

        Marshaller marshaller = ebms.createMarshaller();
        DOMResult result = new DOMResult();
        marshaller.marshal(messaging, result);

        Document document = (Document) result.getNode();
        assertEquals(HardenedXml.EB, document.getDocumentElement().getNamespaceURI());
        assertEquals("Messaging", document.getDocumentElement().getLocalName());
        assertDoesNotThrow(() -> validate(HardenedXml.schema(SchemaResources.EBMS_HEADER), document));
    }

    private static PartyId partyId(String value) {
        PartyId id = new PartyId();
        id.setType("urn:oasis:names:tc:ebcore:partyid-type:unregistered");
        id.setValue(value);
        return id;
    }

    private static JAXBContext newContext(Class<?> objectFactory) {
        try {
            return JAXBContext.newInstance(objectFactory);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
