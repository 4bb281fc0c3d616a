package org.imigateway.as4;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * An AS4 message as SOAP envelope plus attachments. The attachment list is replaced in place as
 * the message is decrypted and decompressed, so each processing step sees the current content.
 */
public final class MimeEnvelope {

    private final Document soap;
    private final List<As4Part> parts;

    public MimeEnvelope(Document soap, List<As4Part> parts) {
        this.soap = soap;
        this.parts = new ArrayList<>(parts);
    }

    public Document soap() {
        return soap;
    }

    public synchronized List<As4Part> parts() {
        return List.copyOf(parts);
    }

    public synchronized Optional<As4Part> part(String contentId) {
        return parts.stream().filter(p -> p.contentId().equals(contentId)).findFirst();
    }

    /** The size of the largest attachment in bytes (0 without any); one that cannot be measured counts as unbounded. */
    public synchronized long largestPart() {
        long largest = 0;
        for (As4Part part : parts) {
            try {
                largest = Math.max(largest, part.size());
            } catch (java.io.IOException e) {
                return Long.MAX_VALUE;
            }
        }
        return largest;
    }

    public synchronized void replace(As4Part part) {
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i).contentId().equals(part.contentId())) {
                parts.set(i, part);
                return;
            }
        }
        throw new IllegalArgumentException("no attachment " + part.contentId());
    }

    public Element header() {
        return Dom.child(soap.getDocumentElement(), Namespaces.SOAP12, "Header").orElse(null);
    }

    public Element body() {
        return Dom.child(soap.getDocumentElement(), Namespaces.SOAP12, "Body").orElse(null);
    }
}
