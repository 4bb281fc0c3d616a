package org.imigateway.as4;

import static org.imigateway.as4.StepParties.RECEIVER;
import static org.imigateway.as4.StepParties.assertRefused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.imigateway.as4.outflow.OutboundMessage;
import org.imigateway.demo.DemoNetwork;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import org.imigateway.pmode.SecurityProfile;
/**
 * AttachmentEncryptor: only the attachments are encrypted, AES-128-GCM, for the receiver's key;
 * the content key travels as the leg's profile says (RSA-OAEP for AS4 1.15, X25519 with HKDF and
 * AES key wrap for AS4 2.0 EdDSA); the header and Body stay readable.
 */
class AttachmentEncryptorTest {

    private static final StepParties PARTIES = StepParties.get();
    private final AttachmentEncryptor step = new AttachmentEncryptor();

    @Test
    void theAttachmentsAreEncryptedSoThatOnlyTheReceiverReadsThem() throws Exception {
        OutboundMessage message = PARTIES.builtWithTwoPayloads(StepParties.PLAIN);
        MimeEnvelope envelope = StepParties.envelope(message);
        List<byte[]> plain = contents(envelope);

        step.encrypt(envelope, SecurityProfile.EDELIVERY_1_15, receiverEncryption(SecurityProfile.EDELIVERY_1_15),
                PARTIES.senderKeys, message.workDir());

        for (int i = 0; i < plain.size(); i++) {
            assertFalse(Arrays.equals(plain.get(i), Files.readAllBytes(envelope.parts().get(i).file())),
                    "attachment " + i + " is still in clear");
        }
        assertTrue(Dom.child(envelope.header(), Namespaces.EBMS, "Messaging").isPresent(), "the header stays in clear");
        MimeEnvelope received = PARTIES.overTheWire(envelope);
        VerifiedSecurity security = decrypt(received, SecurityProfile.EDELIVERY_1_15);
        assertEquals(StepParties.contentIds(envelope), security.encryptedAttachments());
        assertEquals(plain.size(), received.parts().size());
        for (int i = 0; i < plain.size(); i++) {
            assertArrayEquals(plain.get(i), Files.readAllBytes(received.parts().get(i).file()));
        }
    }

    @Test
    void forSendingTheAttachmentsAreEncryptedOnceAsTheBodyIsWrittenAndNoFileIsLeftBeside() throws Exception {
        OutboundMessage message = PARTIES.builtWithTwoPayloads(StepParties.PLAIN);
        MimeEnvelope envelope = StepParties.envelope(message);
        List<byte[]> plain = contents(envelope);
        java.nio.file.Path body = PARTIES.newFolder("send-").resolve("body.mime");
        MimeWriter.Written written;
        try (AttachmentEncryptor.Encrypted encrypted = step.encryptForSending(envelope, SecurityProfile.EDELIVERY_1_15,
                receiverEncryption(SecurityProfile.EDELIVERY_1_15), PARTIES.senderKeys, message.workDir())) {
            List<MimeWriter.Part> parts = encrypted.parts();
            assertEquals(StepParties.contentIds(envelope), Set.copyOf(parts.stream().map(MimeWriter.Part::contentId).toList()));
            written = new MimeWriter().write(envelope.soap(), parts, body);
            // a cipher stream is read once: a second writer would send an empty or partial attachment
            assertThrows(IllegalStateException.class, () -> parts.get(0).open());
        }

        try (var files = Files.list(message.workDir())) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith("sec-")).toList(),
                    "no encrypted copy is written beside the body");
        }
        MimeEnvelope received;
        try (var in = Files.newInputStream(written.file())) {
            received = new MimeReader(1L << 30).read(written.contentType(), in, PARTIES.newFolder("read-"));
        }
        for (int i = 0; i < plain.size(); i++) {
            assertFalse(Arrays.equals(plain.get(i), Files.readAllBytes(received.parts().get(i).file())),
                    "attachment " + i + " went in clear");
        }
        VerifiedSecurity security = decrypt(received, SecurityProfile.EDELIVERY_1_15);
        assertEquals(StepParties.contentIds(envelope), security.encryptedAttachments());
        for (int i = 0; i < plain.size(); i++) {
            assertArrayEquals(plain.get(i), Files.readAllBytes(received.parts().get(i).file()));
        }
    }

    @Test
    void as4OneFifteenTransportsTheKeyWithRsaOaep() throws Exception {
        MimeEnvelope envelope = encrypted(SecurityProfile.EDELIVERY_1_15, StepParties.PLAIN);

        Element key = Dom.descendants(envelope.soap(), Namespaces.XENC, "EncryptedKey").get(0);
        assertEquals(SecurityProfile.EDELIVERY_1_15.keyTransportAlgorithm(), algorithm(key, Namespaces.XENC, "EncryptionMethod"));
        assertEquals(SecurityProfile.EDELIVERY_1_15.mgfAlgorithm(), algorithm(key, "http://www.w3.org/2009/xmlenc11#", "MGF"));
        assertEquals(Set.of(SecurityProfile.EDELIVERY_1_15.contentEncryptionAlgorithm()), dataAlgorithms(envelope));
    }

    @Test
    void as4TwoEdDsaAgreesTheKeyWithX25519AndWrapsIt() throws Exception {
        MimeEnvelope envelope = encrypted(SecurityProfile.EDELIVERY_2_0_EDDSA, DemoNetwork.ACTION_EDDSA);

        Element key = Dom.descendants(envelope.soap(), Namespaces.XENC, "EncryptedKey").get(0);
        SecurityProfile profile = SecurityProfile.EDELIVERY_2_0_EDDSA;
        assertEquals(profile.keyTransportAlgorithm(), algorithm(key, Namespaces.XENC, "EncryptionMethod"));
        assertEquals(profile.keyAgreementAlgorithm().orElseThrow(), algorithm(key, Namespaces.XENC, "AgreementMethod"));
        assertEquals(profile.keyDerivationAlgorithm().orElseThrow(),
                algorithm(key, "http://www.w3.org/2009/xmlenc11#", "KeyDerivationMethod"));
        assertEquals(Set.of(profile.contentEncryptionAlgorithm()), dataAlgorithms(envelope));
        decrypt(PARTIES.overTheWire(envelope), profile);
    }

    @Test
    void attachmentsEncryptedForAnotherKeyCannotBeDecryptedByTheReceiver() throws Exception {
        OutboundMessage message = PARTIES.builtWithTwoPayloads(StepParties.PLAIN);
        MimeEnvelope envelope = StepParties.envelope(message);

        step.encrypt(envelope, SecurityProfile.EDELIVERY_1_15, PARTIES.senderEncryption, PARTIES.senderKeys,
                message.workDir());

        MimeEnvelope received = PARTIES.overTheWire(envelope);
        assertRefused(EbmsErrorCode.FAILED_DECRYPTION, () -> decrypt(received, SecurityProfile.EDELIVERY_1_15),
                "cannot be decrypted");
    }

    @Test
    void aMessageWithoutAttachmentsGetsNoSecurityHeader() throws Exception {
        OutboundMessage message = PARTIES.built(PARTIES.submission(StepParties.PLAIN).build());
        MimeEnvelope envelope = StepParties.envelope(message);

        step.encrypt(envelope, SecurityProfile.EDELIVERY_1_15, receiverEncryption(SecurityProfile.EDELIVERY_1_15),
                PARTIES.senderKeys, message.workDir());

        assertTrue(Dom.child(envelope.header(), Namespaces.WSSE, "Security").isEmpty());
    }

    private MimeEnvelope encrypted(SecurityProfile profile, String action) throws Exception {
        OutboundMessage message = PARTIES.builtWithTwoPayloads(action);
        MimeEnvelope envelope = StepParties.envelope(message);
        step.encrypt(envelope, profile, receiverEncryption(profile), PARTIES.senderKeys, message.workDir());
        return envelope;
    }

    private static X509Certificate receiverEncryption(SecurityProfile profile) {
        return PARTIES.party(RECEIVER).encryptionCertificate(profile);
    }

    private static VerifiedSecurity decrypt(MimeEnvelope received, SecurityProfile profile) throws EbmsException {
        return new SecurityHeaderProcessor().process(received, profile, PARTIES.receiverKeys, List.of(),
                PARTIES.newFolder("decrypt-"));
    }

    private static List<byte[]> contents(MimeEnvelope envelope) throws Exception {
        List<byte[]> contents = new ArrayList<>();
        for (As4Part part : envelope.parts()) {
            contents.add(Files.readAllBytes(part.file()));
        }
        return contents;
    }

    private static Set<String> dataAlgorithms(MimeEnvelope envelope) {
        return Dom.descendants(envelope.soap(), Namespaces.XENC, "EncryptedData").stream()
                .map(data -> algorithm(data, Namespaces.XENC, "EncryptionMethod")).collect(Collectors.toSet());
    }

    private static String algorithm(Element parent, String namespace, String method) {
        return Dom.descendants(parent, namespace, method).get(0).getAttribute("Algorithm");
    }
}
