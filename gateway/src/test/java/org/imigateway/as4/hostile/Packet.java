package org.imigateway.as4.hostile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.imigateway.as4.As4Part;
import org.imigateway.as4.Dom;
import org.imigateway.as4.Namespaces;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A crafted message between two stages: the SOAP envelope as DOM and its attachments, both
 * open to change. The helpers name the edits the corpus makes, so a case reads as the attack.
 */
public record Packet(Document soap, List<As4Part> parts) {

    public Element header() {
        return Dom.child(soap.getDocumentElement(), Namespaces.SOAP12, "Header").orElseThrow();
    }

    public Element body() {
        return Dom.child(soap.getDocumentElement(), Namespaces.SOAP12, "Body").orElseThrow();
    }

    public Element messaging() {
        return Dom.child(header(), Namespaces.EBMS, "Messaging").orElseThrow();
    }

    /** The first element of that ebMS name inside eb:Messaging. */
    public Element ebms(String localName) {
        return Dom.descendants(messaging(), Namespaces.EBMS, localName).get(0);
    }

    /** Flips every bit of one byte in the middle of an attachment as it is at this stage. */
    public void flipByteOfPart(int index) {
        As4Part part = parts.get(index);
        try {
            byte[] bytes = Files.readAllBytes(part.file());
            bytes[bytes.length / 2] ^= (byte) 0xFF;
            Path damaged = Files.createTempFile(part.file().getParent(), "flipped-", ".bin");
            Files.write(damaged, bytes);
            parts.set(index, part.withContent(part.contentType(), damaged));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
