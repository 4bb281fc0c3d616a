package org.imigateway.conformance.wire;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.w3c.dom.Element;

/**
 * What the suite found in a message a target sent it: the header values, the algorithms its
 * security header names, whether signature and decryption succeeded, and each payload after
 * decryption and decompression (or why it could not be read).
 *
 * @param securityProblem empty when the signature verified with the target's certificate and
 *        every attachment decrypted
 * @param signedUris the URIs the signature's references cover ({@code cid:...} for attachments)
 */
public record Inspection(
        String soapText,
        Optional<String> messageId,
        Optional<String> conversationId,
        List<Property> messageProperties,
        List<ReceivedPayload> payloads,
        Optional<String> signatureAlgorithm,
        Set<String> digestAlgorithms,
        Set<String> contentEncryptionAlgorithms,
        Set<String> keyTransportAlgorithms,
        Optional<String> securityProblem,
        Set<String> signedUris,
        boolean messagingSigned,
        boolean bodySigned,
        List<Element> signatureReferences) {

    public Inspection {
        messageProperties = List.copyOf(messageProperties);
        payloads = List.copyOf(payloads);
        digestAlgorithms = Set.copyOf(digestAlgorithms);
        contentEncryptionAlgorithms = Set.copyOf(contentEncryptionAlgorithms);
        keyTransportAlgorithms = Set.copyOf(keyTransportAlgorithms);
        signedUris = Set.copyOf(signedUris);
        signatureReferences = List.copyOf(signatureReferences);
    }

    /** One payload as PartInfo announced it: href, part properties, content after decryption and gunzip. */
    public record ReceivedPayload(String href, Map<String, String> partProperties, Optional<byte[]> content,
            Optional<String> problem) {
        public ReceivedPayload {
            partProperties = Map.copyOf(partProperties);
        }
    }

    public Optional<String> property(String name) {
        return messageProperties.stream().filter(p -> p.name().equals(name)).map(Property::value).findFirst();
    }
}
