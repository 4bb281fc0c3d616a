package org.imigateway.as4.outflow;

import java.nio.file.Path;
import java.util.List;

import org.imigateway.pmode.Leg;
import org.imigateway.pmode.Party;
import org.w3c.dom.Element;

/**
 * A message built, compressed, signed and encrypted, ready to POST: the MIME body on disk,
 * its Content-Type, and the signature references its receipt must repeat. A retry POSTs the
 * very same bytes, so the receiver's original receipt (for a duplicate) still matches them.
 */
public record PreparedMessage(String messageId, String conversationId, Party receiver, Leg leg, Path body,
        String contentType, List<Element> signedReferences) {

    public PreparedMessage {
        signedReferences = List.copyOf(signedReferences);
    }
}
