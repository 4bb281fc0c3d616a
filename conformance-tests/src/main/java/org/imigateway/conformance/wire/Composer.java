package org.imigateway.conformance.wire;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.wss4j.common.ext.WSSecurityException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Composes a {@link Draft} into the bytes of an AS4 request, in the order the draft asks for.
 * The profile's order, which a draft follows unless a case says otherwise:
 * <ol>
 *   <li>payloads: gzip each one marked for compression (AS4 compression feature)</li>
 *   <li>header: eb:Messaging with one PartInfo per payload</li>
 *   <li>sign eb:Messaging, Body and every attachment</li>
 *   <li>encrypt the attachments for the receiver</li>
 *   <li>the case's edits after security, then the SOAP text edits</li>
 *   <li>MIME multipart/related</li>
 * </ol>
 */
public final class Composer {

    private final X509Certificate receiverEncryption;

    public Composer(X509Certificate receiverEncryption) {
        this.receiverEncryption = receiverEncryption;
    }

    public Composed compose(Draft draft) {
        try {
            List<String> contentIds = new ArrayList<>();
            List<Part> parts = new ArrayList<>();
            for (int i = 0; i < draft.payloads.size(); i++) {
                PayloadSpec payload = draft.payloads.get(i);
                String contentId = "payload-" + (i + 1) + "-" + draft.messageId;
                contentIds.add(contentId);
                if (payload.hyperlink().isEmpty()) {
                    parts.add(new Part(contentId, partType(payload), Map.of(), earlyContent(payload, draft.order)));
                }
            }
            Document soap = HeaderWriter.envelope(draft, contentIds);
            Packet packet = new Packet(soap, parts);
            List<Element> references = draft.signer.isPresent()
                    ? Signer.sign(packet, draft.signer.get(), draft.signatureAlgorithm, draft.digestAlgorithm)
                    : List.of();
            if (draft.order == Order.SIGN_THEN_COMPRESS) {
                compressLate(packet);
            }
            if (draft.encrypt) {
                Encryptor.encrypt(packet, draft.receiverEncryption.orElse(receiverEncryption), draft.contentEncryption,
                        draft.keyTransport, draft.keyAgreement);
            }
            if (draft.order == Order.ENCRYPT_THEN_COMPRESS) {
                compressLate(packet);
            }
            draft.afterSecurity.accept(packet);
            String soapText = draft.soapText.apply(new String(Xml.toBytes(soap), StandardCharsets.UTF_8));
            MimeComposer.Mime mime = MimeComposer.write(soapText.getBytes(StandardCharsets.UTF_8), packet.parts());
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", mime.contentType());
            headers.put("MIME-Version", "1.0");
            Map<String, String> declared = new LinkedHashMap<>();
            for (int i = 0; i < draft.payloads.size(); i++) {
                declared.put(contentIds.get(i), draft.payloads.get(i).mimeType());
            }
            List<String> attachments = packet.parts().stream().map(p -> summary(p, declared.get(p.contentId()))).toList();
            return new Composed(draft.messageId, headers, mime.body(), soapText, attachments, references);
        } catch (WSSecurityException e) {
            throw new IllegalStateException("the suite could not secure message " + draft.messageId + ": " + e.getMessage(), e);
        }
    }

    /** One line per attachment for the report: Content-ID, MIME type (and the payload's own), size and SHA-256 digest. */
    static String summary(Part part, String payloadType) {
        String type = payloadType == null || payloadType.equals(part.contentType()) ? part.contentType()
                : part.contentType() + " (payload " + payloadType + ")";
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(part.bytes());
            return "<" + part.contentId() + "> " + type + ", " + part.bytes().length + " bytes, SHA-256 "
                    + java.util.Base64.getEncoder().encodeToString(digest) + " (as sent)";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static String partType(PayloadSpec payload) {
        return payload.compress() ? Ns.GZIP : payload.mimeType();
    }

    /** The content before security: compressed now in the profile's order, left plain when compression comes late. */
    private static byte[] earlyContent(PayloadSpec payload, Order order) {
        if (!payload.compress() || order != Order.COMPRESS_SIGN_ENCRYPT) {
            return payload.content();
        }
        return payload.damageGzip() ? Gzip.damaged(payload.content()) : Gzip.compress(payload.content());
    }

    private static void compressLate(Packet packet) {
        for (int i = 0; i < packet.parts().size(); i++) {
            Part part = packet.parts().get(i);
            packet.parts().set(i, part.withBytes(Gzip.compress(part.bytes())));
        }
    }
}
