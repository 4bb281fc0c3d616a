package org.imigateway.as4.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.SecretKey;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;

import org.apache.wss4j.common.WSEncryptionPart;
import org.apache.wss4j.common.ext.Attachment;
import org.apache.wss4j.common.ext.AttachmentRequestCallback;
import org.apache.wss4j.common.ext.AttachmentResultCallback;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.common.util.KeyUtils;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.message.WSSecEncrypt;
import org.apache.wss4j.dom.message.WSSecHeader;
import org.apache.wss4j.dom.message.WSSecSignature;
import org.imigateway.as4.As4Part;
import org.imigateway.as4.Cryptos;
import org.imigateway.as4.Namespaces;
import org.imigateway.pmode.SecurityProfile;

/**
 * Signs and encrypts like {@code MessageSigner} and {@code AttachmentEncryptor} but with
 * algorithms a test chooses, so the corpus can send what our own sender never would (RSA-SHA1,
 * AES-CBC, RSA 1.5). The same parts are protected: eb:Messaging, Body and every attachment.
 */
final class DeviantSecurity {

    /** The algorithms to use; a null field means the profile's own. */
    record Algorithms(String signature, String digest, String contentEncryption, String keyTransport) {
        static final Algorithms PROFILE = new Algorithms(null, null, null, null);

        boolean deviate() {
            return signature != null || digest != null || contentEncryption != null || keyTransport != null;
        }

        String signature(SecurityProfile profile) {
            return signature != null ? signature : profile.signatureAlgorithm();
        }

        String digest(SecurityProfile profile) {
            return digest != null ? digest : profile.digestAlgorithm();
        }

        String contentEncryption(SecurityProfile profile) {
            return contentEncryption != null ? contentEncryption : profile.contentEncryptionAlgorithm();
        }

        String keyTransport(SecurityProfile profile) {
            return keyTransport != null ? keyTransport : profile.keyTransportAlgorithm();
        }
    }

    private DeviantSecurity() {
    }

    static void sign(Packet packet, SecurityProfile profile, Algorithms algorithms, Cryptos keys, Path workDir)
            throws WSSecurityException {
        WSSecSignature signature = new WSSecSignature(securityHeader(packet));
        signature.setUserInfo(Cryptos.SIGNING_ALIAS, new String(keys.password()));
        signature.setKeyIdentifierType(WSConstants.BST_DIRECT_REFERENCE);
        signature.setSignatureAlgorithm(algorithms.signature(profile));
        signature.setDigestAlgo(algorithms.digest(profile));
        signature.setSigCanonicalization(SecurityProfile.C14N_EXCLUSIVE);
        signature.getParts().add(new WSEncryptionPart("Messaging", Namespaces.EBMS, "Element"));
        signature.getParts().add(new WSEncryptionPart("Body", Namespaces.SOAP12, "Element"));
        Attachments attachments = new Attachments(packet.parts(), workDir);
        if (!packet.parts().isEmpty()) {
            signature.getParts().add(new WSEncryptionPart("cid:Attachments", "Content"));
            signature.setAttachmentCallbackHandler(attachments);
        }
        try {
            signature.build(keys.own());
        } finally {
            attachments.close();
        }
    }

    static void encrypt(Packet packet, SecurityProfile profile, Algorithms algorithms, X509Certificate receiver,
            int keyIdentifier, Cryptos keys, Path workDir) throws WSSecurityException {
        WSSecEncrypt encrypt = new WSSecEncrypt(securityHeader(packet));
        encrypt.setUseThisCert(receiver);
        encrypt.setKeyIdentifierType(keyIdentifier);
        encrypt.setSymmetricEncAlgorithm(algorithms.contentEncryption(profile));
        encrypt.setKeyEncAlgo(algorithms.keyTransport(profile));
        if (algorithms.keyTransport(profile).equals(profile.keyTransportAlgorithm())) {
            encrypt.setMGFAlgorithm(profile.mgfAlgorithm());
            encrypt.setDigestAlgorithm(profile.digestAlgorithm());
        }
        encrypt.getParts().add(new WSEncryptionPart("cid:Attachments", "Content"));
        Attachments attachments = new Attachments(packet.parts(), workDir);
        encrypt.setAttachmentCallbackHandler(attachments);
        SecretKey key = KeyUtils.getKeyGenerator(algorithms.contentEncryption(profile)).generateKey();
        try {
            encrypt.build(keys.verification(), key);
        } finally {
            attachments.close();
        }
    }

    private static WSSecHeader securityHeader(Packet packet) throws WSSecurityException {
        WSSecHeader header = new WSSecHeader(packet.soap());
        header.setMustUnderstand(true);
        if (header.isEmpty()) {
            header.insertSecurityHeader();
        }
        return header;
    }

    /** Hands WSS4J the attachments of the packet and puts back what it encrypted. */
    private static final class Attachments implements CallbackHandler {
        private final List<As4Part> parts;
        private final Path workDir;
        private final List<InputStream> opened = new ArrayList<>();

        Attachments(List<As4Part> parts, Path workDir) {
            this.parts = parts;
            this.workDir = workDir;
        }

        @Override
        public void handle(Callback[] callbacks) throws IOException, UnsupportedCallbackException {
            for (Callback callback : callbacks) {
                if (callback instanceof AttachmentRequestCallback request) {
                    List<Attachment> found = new ArrayList<>();
                    for (As4Part part : parts) {
                        String id = request.getAttachmentId();
                        if (id == null || id.equals("Attachments") || id.equals(part.contentId())) {
                            found.add(attachment(part));
                        }
                    }
                    request.setAttachments(found);
                } else if (callback instanceof AttachmentResultCallback result) {
                    replace(result.getAttachment());
                } else {
                    throw new UnsupportedCallbackException(callback);
                }
            }
        }

        private Attachment attachment(As4Part part) throws IOException {
            Attachment attachment = new Attachment();
            attachment.setId(part.contentId());
            attachment.setMimeType(part.contentType());
            Map<String, String> headers = new LinkedHashMap<>(part.headers());
            headers.putIfAbsent("Content-Type", part.contentType());
            headers.putIfAbsent("Content-ID", "<" + part.contentId() + ">");
            attachment.addHeaders(headers);
            InputStream in = part.open();
            opened.add(in);
            attachment.setSourceStream(in);
            return attachment;
        }

        private void replace(Attachment result) throws IOException {
            for (int i = 0; i < parts.size(); i++) {
                As4Part part = parts.get(i);
                if (part.contentId().equals(result.getId())) {
                    Path file = Files.createTempFile(workDir, "deviant-", ".bin");
                    try (InputStream in = result.getSourceStream(); OutputStream out = Files.newOutputStream(file)) {
                        in.transferTo(out);
                    }
                    Map<String, String> headers = new LinkedHashMap<>();
                    Map<String, String> given = result.getHeaders() == null ? Map.of() : result.getHeaders();
                    given.forEach((name, value) -> {
                        if (!name.equalsIgnoreCase("Content-ID") && !name.equalsIgnoreCase("Content-Type")
                                && !name.equalsIgnoreCase("Content-Transfer-Encoding")) {
                            headers.put(name, value);
                        }
                    });
                    String type = result.getMimeType() != null ? result.getMimeType() : part.contentType();
                    parts.set(i, new As4Part(part.contentId(), type, headers, file));
                    return;
                }
            }
            throw new IOException("WSS4J returned an attachment the packet does not have: " + result.getId());
        }

        void close() {
            for (InputStream in : opened) {
                try {
                    in.close();
                } catch (IOException e) {
                    // only a read handle of a temporary file
                }
            }
        }
    }
}
