package org.imigateway.as4.outflow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.imigateway.as4.Dom;
import org.imigateway.as4.Namespaces;
import org.imigateway.xml.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * Keeps what a retry needs beside the prepared MIME body: the signature's ds:Reference
 * elements, so the receipt of a later attempt (possibly after a restart) is checked against
 * the digests actually sent.
 */
public final class PreparedMessageFiles {

    private static final String ROOT = "signedReferences";

    /** Reference lists kept in memory at most: a send that follows later than that parses its file. */
    static final int MAX_KEPT = 1_000;

    /**
     * The references just written, by file: the first send follows at once and takes them from
     * here instead of parsing the file again (1-2 % of a 10 KB exchange's CPU). Each list is in a
     * small document of its own, not the envelope's. A retry, a restart or an evicted entry reads
     * the file, which stays the record.
     */
    private static final Map<Path, List<Element>> JUST_WRITTEN = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(64, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Path, List<Element>> eldest) {
                    return size() > MAX_KEPT;
                }
            });

    private PreparedMessageFiles() {
    }

    public static void writeReferences(List<Element> references, Path file) throws IOException {
        Document doc = SecureXml.newDocument();
        Element root = doc.createElementNS("urn:imigateway:outbox:1", ROOT);
        doc.appendChild(root);
        for (Element reference : references) {
            root.appendChild(doc.importNode(reference, true));
        }
        Files.write(file, SecureXml.toBytes(doc));
        JUST_WRITTEN.put(file.toAbsolutePath().normalize(), List.copyOf(Dom.children(root, Namespaces.DS, "Reference")));
    }

    public static List<Element> readReferences(Path file) throws IOException {
        List<Element> kept = JUST_WRITTEN.remove(file.toAbsolutePath().normalize());
        if (kept != null && Files.exists(file)) {
            return new ArrayList<>(kept);
        }
        try (InputStream in = Files.newInputStream(file)) {
            Document doc = SecureXml.parse(in);
            return new ArrayList<>(Dom.children(doc.getDocumentElement(), Namespaces.DS, "Reference"));
        } catch (SAXException e) {
            throw new IOException(file + " is damaged: " + e.getMessage(), e);
        }
    }

    /** The participant, document type and process of a message sent by discovery, synced with the body. */
    public static void writeRecipient(org.imigateway.connectors.Submission.Recipient recipient, Path file)
            throws IOException {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("participant", recipient.participant());
        p.setProperty("documentType", recipient.documentType());
        p.setProperty("process", recipient.process());
        try (var out = Files.newOutputStream(file)) {
            p.store(out, null);
        }
    }

    public static org.imigateway.connectors.Submission.Recipient readRecipient(Path file) throws IOException {
        java.util.Properties p = new java.util.Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        String participant = p.getProperty("participant");
        String documentType = p.getProperty("documentType");
        String process = p.getProperty("process");
        if (participant == null || documentType == null || process == null) {
            throw new IOException(file + " lacks participant, documentType or process");
        }
        return new org.imigateway.connectors.Submission.Recipient(participant, documentType, process);
    }
}
