package org.imigateway.conformance.wire;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes the SOAP 1.2 envelope with its eb:Messaging header from a {@link Draft}, as DOM, so
 * that a case can write what a well-behaved sender never would. The Body stays empty: payloads
 * travel as MIME parts (AS4 profile, SOAP with Attachments).
 */
final class HeaderWriter {

    private HeaderWriter() {
    }

    static Document envelope(Draft draft, List<String> hrefs) {
        Document doc = Xml.newDocument();
        Element envelope = doc.createElementNS(Ns.SOAP12, "S12:Envelope");
        envelope.setAttributeNS(Ns.XMLNS, "xmlns:S12", Ns.SOAP12);
        envelope.setAttributeNS(Ns.XMLNS, "xmlns:eb", Ns.EBMS);
        doc.appendChild(envelope);
        Element header = Xml.append(envelope, Ns.SOAP12, "S12:Header");
        Xml.append(envelope, Ns.SOAP12, "S12:Body");

        Element messaging = Xml.append(header, Ns.EBMS, "eb:Messaging");
        messaging.setAttributeNS(Ns.SOAP12, "S12:mustUnderstand", "true");
        Element user = Xml.append(messaging, Ns.EBMS, "eb:UserMessage");
        Element info = Xml.append(user, Ns.EBMS, "eb:MessageInfo");
        Xml.append(info, Ns.EBMS, "eb:Timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        Xml.append(info, Ns.EBMS, "eb:MessageId", draft.messageId);

        Element parties = Xml.append(user, Ns.EBMS, "eb:PartyInfo");
        party(Xml.append(parties, Ns.EBMS, "eb:From"), draft.fromId, draft.fromType, Ns.INITIATOR_ROLE);
        party(Xml.append(parties, Ns.EBMS, "eb:To"), draft.toId, draft.toType, Ns.RESPONDER_ROLE);

        Element collaboration = Xml.append(user, Ns.EBMS, "eb:CollaborationInfo");
        draft.agreement.ifPresent(value -> Xml.append(collaboration, Ns.EBMS, "eb:AgreementRef", value));
        Element service = Xml.append(collaboration, Ns.EBMS, "eb:Service", draft.service);
        draft.serviceType.ifPresent(type -> service.setAttribute("type", type));
        Xml.append(collaboration, Ns.EBMS, "eb:Action", draft.action);
        Xml.append(collaboration, Ns.EBMS, "eb:ConversationId", draft.conversationId);

        if (!draft.properties.isEmpty()) {
            properties(Xml.append(user, Ns.EBMS, "eb:MessageProperties"), draft.properties);
        }
        if (!draft.payloads.isEmpty()) {
            Element payloadInfo = Xml.append(user, Ns.EBMS, "eb:PayloadInfo");
            for (int i = 0; i < draft.payloads.size(); i++) {
                PayloadSpec payload = draft.payloads.get(i);
                Element partInfo = Xml.append(payloadInfo, Ns.EBMS, "eb:PartInfo");
                partInfo.setAttribute("href", payload.hyperlink().orElse("cid:" + hrefs.get(i)));
                properties(Xml.append(partInfo, Ns.EBMS, "eb:PartProperties"), partProperties(payload));
            }
        }
        return doc;
    }

    /** CompressionType and MimeType as the AS4 compression feature names them, then CharacterSet and the case's own. */
    static List<Property> partProperties(PayloadSpec payload) {
        List<Property> properties = new java.util.ArrayList<>();
        if (payload.compress()) {
            properties.add(Property.of("CompressionType", Ns.GZIP));
        }
        if (payload.declareMimeType()) {
            properties.add(Property.of("MimeType", payload.mimeType()));
        }
        payload.characterSet().ifPresent(charset -> properties.add(Property.of("CharacterSet", charset)));
        properties.addAll(payload.partProperties());
        return properties;
    }

    private static void party(Element element, String id, Optional<String> type, String role) {
        Element partyId = Xml.append(element, Ns.EBMS, "eb:PartyId", id);
        type.ifPresent(value -> partyId.setAttribute("type", value));
        Xml.append(element, Ns.EBMS, "eb:Role", role);
    }

    private static void properties(Element parent, List<Property> properties) {
        for (Property p : properties) {
            Element property = Xml.append(parent, Ns.EBMS, "eb:Property", p.value());
            property.setAttribute("name", p.name());
            p.type().ifPresent(type -> property.setAttribute("type", type));
        }
    }
}
