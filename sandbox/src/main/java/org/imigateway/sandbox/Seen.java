package org.imigateway.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.imigateway.connectors.Delivery;
import org.imigateway.connectors.fs.FolderInbox;
import org.imigateway.cooperation.Cooperation;
import org.imigateway.xml.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * A message the hub delivered to a sandbox access point's backend, read from its inbox folder, or
 * one the hub sent to the integrator's own endpoint, read from the hub's message log: the ebMS
 * metadata, the business document and what the sandbox reads from it (the case it belongs to;
 * for a hub refusal, the refused action, the state and the reason). {@code undelivered} is the
 * reason when the hub could not deliver it to the integrator's endpoint.
 */
record Seen(String accessPoint, Delivery meta, String payload, Optional<String> procedure, Optional<String> caseId,
        Optional<String> undelivered) {

    static Seen read(String accessPoint, Path folder) throws IOException {
        Delivery meta = FolderInbox.read(folder);
        String payload = "";
        if (!meta.payloads().isEmpty()) {
            Path file = meta.payloads().get(0).file();
            payload = Files.readString(file, StandardCharsets.UTF_8); // FolderInbox resolved it against the folder
        }
        return of(accessPoint, meta, payload, Optional.empty());
    }

    /** A message with its business document, the case read from it. */
    static Seen of(String accessPoint, Delivery meta, String payload, Optional<String> undelivered) {
        Optional<Element> caseRef = element(payload, "case");
        return new Seen(accessPoint, meta, payload, caseRef.map(e -> e.getAttribute("procedure")),
                caseRef.map(e -> e.getAttribute("id")), undelivered);
    }

    String action() {
        return meta.action();
    }

    String originalSender() {
        return meta.property(Cooperation.ORIGINAL_SENDER).orElse("");
    }

    String finalRecipient() {
        return meta.property(Cooperation.FINAL_RECIPIENT).orElse("");
    }

    boolean isRefusal() {
        return action().equals("Refuse");
    }

    /** The text of the first element of this local name in the document, empty when there is none. */
    String text(String localName) {
        return element(payload, localName).map(e -> e.getTextContent().strip()).orElse("");
    }

    private static Optional<Element> element(String xml, String localName) {
        if (xml.isBlank()) {
            return Optional.empty();
        }
        try {
            Document doc = SecureXml.parse(xml);
            NodeList found = doc.getElementsByTagNameNS("*", localName);
            return found.getLength() == 0 ? Optional.empty() : Optional.of((Element) found.item(0));
        } catch (IOException | SAXException e) {
            return Optional.empty();
        }
    }
}
