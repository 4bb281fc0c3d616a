package org.imigateway.connectors.fs;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.imigateway.connectors.ConnectorXml;
import org.imigateway.connectors.Delivery;
import org.imigateway.connectors.MessageProperty;

/**
 * Writes the {@code metadata.xml} of a delivered message: the ebMS header, the message
 * properties and one {@code <payload>} per file ({@code payload-1}, {@code payload-2}, ...).
 *
 * <pre>{@code
 * <delivery xmlns="urn:imigateway:connectors:1.0" messageId=".." conversationId=".." timestamp="..">
 *   <fromParty>gw-a</fromParty><toParty>gw-b</toParty>
 *   <service type="..">..</service><action>..</action>
 *   <property name="finalRecipient">..</property>
 *   <payload file="payload-1" mimeType="application/xml" characterSet="UTF-8"/>
 * </delivery>
 * }</pre>
 */
final class DeliveryMetadata {

    private DeliveryMetadata() {
    }

    static void write(Delivery delivery, List<String> payloadFiles, OutputStream out) throws IOException {
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("delivery");
            xml.writeDefaultNamespace(ConnectorXml.NS);
            xml.writeAttribute("messageId", delivery.messageId());
            xml.writeAttribute("conversationId", delivery.conversationId());
            if (delivery.refToMessageId().isPresent()) {
                xml.writeAttribute("refToMessageId", delivery.refToMessageId().get());
            }
            xml.writeAttribute("timestamp", delivery.timestamp().toString());
            element(xml, "fromParty", delivery.fromPartyId(), Optional.empty());
            element(xml, "toParty", delivery.toPartyId(), Optional.empty());
            element(xml, "service", delivery.service(), delivery.serviceType().map(t -> new String[] {"type", t}));
            element(xml, "action", delivery.action(), Optional.empty());
            properties(xml, delivery.properties());
            for (int i = 0; i < delivery.payloads().size(); i++) {
                var payload = delivery.payloads().get(i);
                xml.writeStartElement("payload");
                xml.writeAttribute("file", payloadFiles.get(i));
                xml.writeAttribute("mimeType", payload.mimeType());
                if (payload.characterSet().isPresent()) {
                    xml.writeAttribute("characterSet", payload.characterSet().get());
                }
                properties(xml, payload.properties());
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("metadata of " + delivery.messageId() + " cannot be written: " + e.getMessage(), e);
        }
    }

    private static void properties(XMLStreamWriter xml, List<MessageProperty> properties) throws XMLStreamException {
        for (MessageProperty p : properties) {
            xml.writeStartElement("property");
            xml.writeAttribute("name", p.name());
            if (p.type().isPresent()) {
                xml.writeAttribute("type", p.type().get());
            }
            xml.writeCharacters(p.value());
            xml.writeEndElement();
        }
    }

    private static void element(XMLStreamWriter xml, String name, String text, Optional<String[]> attribute)
            throws XMLStreamException {
        xml.writeStartElement(name);
        if (attribute.isPresent()) {
            xml.writeAttribute(attribute.get()[0], attribute.get()[1]);
        }
        xml.writeCharacters(text);
        xml.writeEndElement();
    }
}
