package org.imigateway.as4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import org.imigateway.pmode.SecurityProfile;
import org.imigateway.xml.SecureXml;
/**
 * Attachment references are verified as a stream: what the receiver allocates while verifying
 * does not grow with the attachment (WSS4J's own processor keeps every digested byte, WSS-727),
 * and the streaming path still refuses every change to what was signed.
 */
class StreamingSignatureVerificationTest {

    private static final int LARGE = 64 << 20;
    private static final int TEN_MB = 10_000_000;

    @TempDir
    static Path dir;
    static Cryptos sender;
    static Cryptos receiver;
    static X509Certificate signingCertificate;

    @BeforeAll
    static void keys() {
        PairOfKeys keys = PairOfKeys.issue();
        sender = keys.sender();
        receiver = keys.receiver();
        signingCertificate = keys.senderSigning();
    }

    @Test
    void a64MiBAttachmentIsVerifiedWithoutBeingHeldInMemory() throws Exception {
        MimeEnvelope envelope = signed(part("big@test", "application/octet-stream", LARGE));

        long before = allocatedByThisThread();
        VerifiedSecurity security = verify(envelope);
        long allocated = allocatedByThisThread() - before;

        assertEquals(java.util.Set.of("big@test"), security.signedAttachments());
        assertTrue(allocated < LARGE / 4, "verifying allocated " + allocated / (1 << 20) + " MiB for a "
                + LARGE / (1 << 20) + " MiB attachment");
    }

    @Test
    void theSignedMessagingHeaderAndBodyAreTheElementsReported() throws Exception {
        MimeEnvelope envelope = signed(part("small@test", "application/octet-stream", 1000));

        VerifiedSecurity security = verify(envelope);

        Element messaging = Dom.child(envelope.header(), Namespaces.EBMS, "Messaging").orElseThrow();
        assertTrue(security.signedElements().stream().anyMatch(e -> e == messaging), "eb:Messaging reported");
        assertTrue(security.signedElements().stream().anyMatch(e -> e == envelope.body()), "Body reported");
        assertEquals(signingCertificate, security.signer().orElseThrow());
    }

    @Test
    void oneByteChangedInATenMegabyteAttachmentIsRefused() throws Exception {
        MimeEnvelope envelope = signed(part("big@test", "application/octet-stream", TEN_MB));
        As4Part part = envelope.parts().get(0);
        byte[] bytes = Files.readAllBytes(part.file());
        bytes[TEN_MB / 2 + 1] ^= 0x01;
        envelope.replace(part.withContent(part.contentType(), Files.write(Files.createTempFile(dir, "flip", ".bin"), bytes)));

        assertRefusedAsChanged(envelope);
    }

    @Test
    void twoAttachmentsSwappedAreRefused() throws Exception {
        MimeEnvelope envelope = signed(part("first@test", "application/octet-stream", 4096),
                part("second@test", "application/octet-stream", 4097));
        As4Part first = envelope.parts().get(0);
        As4Part second = envelope.parts().get(1);
        envelope.replace(first.withContent(first.contentType(), second.file()));
        envelope.replace(second.withContent(second.contentType(), first.file()));

        assertRefusedAsChanged(envelope);
    }

    /** The content transform canonicalises by Content-Type: text/* has its line ends made CRLF. */
    @Test
    void aChangedContentTypeIsRefused() throws Exception {
        MimeEnvelope envelope = signed(part("doc@test", "application/octet-stream", 4096));
        As4Part part = envelope.parts().get(0);
        envelope.replace(part.withContent("text/plain", part.file()));

        assertRefusedAsChanged(envelope);
    }

    private static void assertRefusedAsChanged(MimeEnvelope envelope) {
        EbmsException refused = assertThrows(EbmsException.class, () -> verify(envelope));
        assertEquals(EbmsErrorCode.FAILED_AUTHENTICATION, refused.code());
        assertTrue(refused.getMessage().contains("signature does not verify"), refused.getMessage());
    }

    private static VerifiedSecurity verify(MimeEnvelope envelope) throws EbmsException, IOException {
        return new SecurityHeaderProcessor().process(envelope, SecurityProfile.EDELIVERY_1_15, receiver,
                List.of(signingCertificate), Files.createTempDirectory(dir, "verify"));
    }

    private static MimeEnvelope signed(As4Part... parts) throws Exception {
        Document soap = SecureXml.newDocument();
        Element envelope = soap.createElementNS(Namespaces.SOAP12, "S12:Envelope");
        soap.appendChild(envelope);
        Element header = soap.createElementNS(Namespaces.SOAP12, "S12:Header");
        envelope.appendChild(header);
        header.appendChild(soap.createElementNS(Namespaces.EBMS, "eb:Messaging"));
        envelope.appendChild(soap.createElementNS(Namespaces.SOAP12, "S12:Body"));
        MimeEnvelope mime = new MimeEnvelope(soap, new ArrayList<>(List.of(parts)));
        new MessageSigner().sign(mime, SecurityProfile.EDELIVERY_1_15, sender, Files.createTempDirectory(dir, "sign"));
        return mime;
    }

    private static As4Part part(String contentId, String contentType, int size) throws IOException {
        Path file = Files.createTempFile(dir, "part", ".bin");
        Random random = new Random(size);
        byte[] chunk = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int written = 0; written < size; written += chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, Math.min(chunk.length, size - written));
            }
        }
        return new As4Part(contentId, contentType, Map.of(), file);
    }

    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
