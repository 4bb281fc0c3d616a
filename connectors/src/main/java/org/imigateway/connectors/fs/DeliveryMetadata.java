package org.imigateway.connectors.fs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.imigateway.connectors.ConnectorXml;
import org.imigateway.connectors.Delivery;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.SubmissionException;
import org.w3c.dom.Element;

/**
 * Writes and reads the {@code metadata.xml} of a delivered message: the ebMS header, the message
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
 * Text is written as it is and read back as it is (not trimmed), so every value round-trips.
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

    /** Reads what {@link #write} wrote; the payloads are the named files of {@code folder}. */
    static Delivery read(Path folder, InputStream in) throws IOException {
        String what = folder.getFileName() + "/" + FolderInbox.METADATA;
        try {
            Element root = ConnectorXml.parse(in, what).getDocumentElement();
            if (!ConnectorXml.NS.equals(root.getNamespaceURI()) || !"delivery".equals(root.getLocalName())) {
                throw new IOException(what + ": the root element must be <delivery xmlns=\"" + ConnectorXml.NS
                        + "\">, not <" + root.getTagName() + ">");
            }
            Element service = one(root, "service", what);
            List<Payload> payloads = new ArrayList<>();
            for (Element payload : ConnectorXml.children(root, "payload")) {
                String file = required(payload, "file", what + " payload");
                Path path = folder.resolve(file).normalize();
                if (!folder.normalize().equals(path.getParent())) {
                    throw new IOException(what + ": payload file '" + file + "' is not a file of the message folder");
                }
                payloads.add(new Payload(path, required(payload, "mimeType", what + " payload"),
                        ConnectorXml.attribute(payload, "characterSet"), properties(payload)));
            }
            return new Delivery(required(root, "messageId", what),
                    required(root, "conversationId", what),
                    ConnectorXml.attribute(root, "refToMessageId"),
                    Instant.parse(required(root, "timestamp", what)),
                    one(root, "fromParty", what).getTextContent(),
                    one(root, "toParty", what).getTextContent(),
                    service.getTextContent(),
                    ConnectorXml.attribute(service, "type"),
                    one(root, "action", what).getTextContent(),
                    properties(root),
                    payloads);
        } catch (SubmissionException | DateTimeParseException e) {
            throw new IOException(what + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** An attribute as written, not trimmed. */
    private static String required(Element element, String name, String what) throws IOException {
        return ConnectorXml.attribute(element, name).orElseThrow(
                () -> new IOException(what + ": <" + element.getLocalName() + "> has no attribute '" + name + "'"));
    }

    private static Element one(Element parent, String name, String what) throws IOException {
        List<Element> found = ConnectorXml.children(parent, name);
        if (found.size() != 1) {
            throw new IOException(what + ": element <" + name + "> appears " + found.size() + " times, once expected");
        }
        return found.get(0);
    }

    private static List<MessageProperty> properties(Element parent) {
        List<MessageProperty> properties = new ArrayList<>();
        for (Element p : ConnectorXml.children(parent, "property")) {
            properties.add(new MessageProperty(p.getAttribute("name"), p.getTextContent(), ConnectorXml.attribute(p, "type")));
        }
        return properties;
    }
}
