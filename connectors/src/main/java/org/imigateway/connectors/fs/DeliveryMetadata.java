package org.imigateway.connectors.fs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
 * Every value is written as it is, with its line breaks and tabs, and read back as it is (not
 * trimmed), so it round-trips.
 */
final class DeliveryMetadata {

    private DeliveryMetadata() {
    }

    static void write(Delivery delivery, List<String> payloadFiles, OutputStream out) throws IOException {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        xml.append("<delivery xmlns=\"").append(ConnectorXml.NS).append('"');
        attribute(xml, "messageId", Optional.of(delivery.messageId()));
        attribute(xml, "conversationId", Optional.of(delivery.conversationId()));
        attribute(xml, "refToMessageId", delivery.refToMessageId());
        attribute(xml, "timestamp", Optional.of(delivery.timestamp().toString()));
        xml.append('>');
        element(xml, "fromParty", Optional.empty(), delivery.fromPartyId());
        element(xml, "toParty", Optional.empty(), delivery.toPartyId());
        element(xml, "service", delivery.serviceType(), delivery.service());
        element(xml, "action", Optional.empty(), delivery.action());
        properties(xml, delivery.properties());
        for (int i = 0; i < delivery.payloads().size(); i++) {
            Payload payload = delivery.payloads().get(i);
            xml.append("<payload");
            attribute(xml, "file", Optional.of(payloadFiles.get(i)));
            attribute(xml, "mimeType", Optional.of(payload.mimeType()));
            attribute(xml, "characterSet", payload.characterSet());
            xml.append('>');
            properties(xml, payload.properties());
            xml.append("</payload>");
        }
        xml.append("</delivery>");
        out.write(xml.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void properties(StringBuilder xml, List<MessageProperty> properties) {
        for (MessageProperty p : properties) {
            xml.append("<property");
            attribute(xml, "name", Optional.of(p.name()));
            attribute(xml, "type", p.type());
            xml.append('>').append(escape(p.value())).append("</property>");
        }
    }

    /** An element whose only attribute, when present, is {@code type}. */
    private static void element(StringBuilder xml, String name, Optional<String> type, String text) {
        xml.append('<').append(name);
        attribute(xml, "type", type);
        xml.append('>').append(escape(text)).append("</").append(name).append('>');
    }

    private static void attribute(StringBuilder xml, String name, Optional<String> value) {
        value.ifPresent(v -> xml.append(' ').append(name).append("=\"").append(escape(v)).append('"'));
    }

    /**
     * Escapes markup, and writes tab, line feed and carriage return as character references: a
     * parser turns them into spaces in an attribute (and a CR into LF in text) unless they are.
     */
    private static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\t' -> out.append("&#9;");
                case '\n' -> out.append("&#10;");
                case '\r' -> out.append("&#13;");
                default -> out.append(c);
            }
        }
        return out.toString();
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
                        ConnectorXml.attribute(payload, "characterSet"), readProperties(payload)));
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
                    readProperties(root),
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

    private static List<MessageProperty> readProperties(Element parent) {
        List<MessageProperty> properties = new ArrayList<>();
        for (Element p : ConnectorXml.children(parent, "property")) {
            properties.add(new MessageProperty(p.getAttribute("name"), p.getTextContent(), ConnectorXml.attribute(p, "type")));
        }
        return properties;
    }
}
