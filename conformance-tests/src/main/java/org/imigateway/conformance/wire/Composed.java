package org.imigateway.conformance.wire;

import java.util.List;
import java.util.Map;

import org.w3c.dom.Element;

/**
 * A composed message as it goes on the wire, with what the report and the receipt check need:
 * the SOAP envelope text, a line per attachment, and the ds:References that were signed.
 */
public record Composed(String messageId, Map<String, String> httpHeaders, byte[] body, String soap,
        List<String> attachments, List<Element> signedReferences) {

    public Composed {
        httpHeaders = Map.copyOf(httpHeaders);
        attachments = List.copyOf(attachments);
        signedReferences = List.copyOf(signedReferences);
    }
}
