package org.imigateway.as4;

import static org.imigateway.as4.StepParties.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import org.imigateway.as4.outflow.OutboundMessage;
import org.imigateway.demo.DemoNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import org.imigateway.pmode.SecurityProfile;
/**
 * MessageSigner: one signature over eb:Messaging, the SOAP Body and every attachment, with the
 * profile's algorithms and the signing certificate as BinarySecurityToken, verifiable by the
 * receiver after the message went over the wire.
 */
class MessageSignerTest {

    private static final StepParties PARTIES = StepParties.get();
    private final MessageSigner step = new MessageSigner();

    @Test
    void oneSignatureCoversMessagingBodyAndEveryAttachment() throws Exception {
        OutboundMessage message = PARTIES.builtWithTwoPayloads(DemoNetwork.ACTION);
        MimeEnvelope envelope = StepParties.envelope(message);

        List<Element> references = step.sign(envelope, SecurityProfile.EDELIVERY_1_15, PARTIES.senderKeys,
                message.workDir());

        MimeEnvelope received = PARTIES.overTheWire(envelope);
        VerifiedSecurity security = verify(received, SecurityProfile.EDELIVERY_1_15);
        assertEquals(1, security.signatureCount());
        assertEquals(PARTIES.senderSigning, security.signer().orElseThrow());
        Element messaging = Dom.child(received.header(), Namespaces.EBMS, "Messaging").orElseThrow();
        assertTrue(security.signedElements().stream().anyMatch(e -> e == messaging), "eb:Messaging signed");
        assertTrue(security.signedElements().stream().anyMatch(e -> e == received.body()), "Body signed");
        assertEquals(StepParties.contentIds(envelope), security.signedAttachments());
        assertEquals(4, references.size(), "Messaging, Body and two attachments, kept for the receipt check");
        assertEquals(2, references.stream().filter(r -> r.getAttribute("URI").startsWith("cid:")).count());
    }

    @ParameterizedTest
    @EnumSource(names = {"EDELIVERY_1_15", "EDELIVERY_2_0_EDDSA"})
    void theSignatureUsesTheProfilesAlgorithms(SecurityProfile profile) throws Exception {
        OutboundMessage message = PARTIES.builtWithTwoPayloads(DemoNetwork.action(profile));
        MimeEnvelope envelope = StepParties.envelope(message);

        List<Element> references = step.sign(envelope, profile, PARTIES.senderKeys, message.workDir());

        Element signature = Dom.descendants(envelope.soap(), Namespaces.DS, "Signature").get(0);
        assertEquals(profile.signatureAlgorithm(), algorithm(signature, "SignatureMethod"));
        assertEquals(SecurityProfile.C14N_EXCLUSIVE, algorithm(signature, "CanonicalizationMethod"));
        for (Element reference : references) {
            assertEquals(profile.digestAlgorithm(), algorithm(reference, "DigestMethod"));
        }
        verify(PARTIES.overTheWire(envelope), profile);
    }

    @Test
    void theSigningCertificateTravelsAsBinarySecurityTokenInAMustUnderstandHeader() throws Exception {
        OutboundMessage message = PARTIES.builtWithTwoPayloads(DemoNetwork.ACTION);
        MimeEnvelope envelope = StepParties.envelope(message);

        step.sign(envelope, SecurityProfile.EDELIVERY_1_15, PARTIES.senderKeys, message.workDir());

        Element security = Dom.child(envelope.header(), Namespaces.WSSE, "Security").orElseThrow();
        assertTrue(Set.of("true", "1").contains(security.getAttributeNS(Namespaces.SOAP12, "mustUnderstand")));
        Element token = Dom.child(security, Namespaces.WSSE, "BinarySecurityToken").orElseThrow();
        byte[] der = Base64.getMimeDecoder().decode(token.getTextContent());
        assertEquals(PARTIES.senderSigning,
                CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der)));
    }

    @Test
    void anAttachmentChangedAfterSigningNoLongerVerifies() throws Exception {
        OutboundMessage message = PARTIES.builtWithTwoPayloads(StepParties.PLAIN);
        MimeEnvelope envelope = StepParties.envelope(message);
        step.sign(envelope, SecurityProfile.EDELIVERY_1_15, PARTIES.senderKeys, message.workDir());
        MimeEnvelope received = PARTIES.overTheWire(envelope);
        As4Part second = received.parts().get(1);
        byte[] bytes = Files.readAllBytes(second.file());
        bytes[bytes.length / 2] ^= 1;
        Files.write(second.file(), bytes);

        assertRefused(EbmsErrorCode.FAILED_AUTHENTICATION, () -> verify(received, SecurityProfile.EDELIVERY_1_15),
                "signature does not verify");
    }

    @Test
    void aMessageWithoutAttachmentsSignsMessagingAndBodyOnly() throws Exception {
        OutboundMessage message = PARTIES.built(PARTIES.submission(DemoNetwork.ACTION).build());
        MimeEnvelope envelope = StepParties.envelope(message);

        List<Element> references = step.sign(envelope, SecurityProfile.EDELIVERY_1_15, PARTIES.senderKeys,
                message.workDir());

        assertEquals(2, references.size());
        assertTrue(verify(PARTIES.overTheWire(envelope), SecurityProfile.EDELIVERY_1_15).signedAttachments().isEmpty());
    }

    private static VerifiedSecurity verify(MimeEnvelope received, SecurityProfile profile) throws EbmsException {
        return new SecurityHeaderProcessor().process(received, profile, PARTIES.receiverKeys,
                PARTIES.party(StepParties.SENDER).certificates(profile).map(c -> List.of(c.signing())).orElseThrow(),
                PARTIES.newFolder("verify-"));
    }

    private static String algorithm(Element parent, String method) {
        return Dom.descendants(parent, Namespaces.DS, method).get(0).getAttribute("Algorithm");
    }
}
