package org.imigateway.as4.inflow;

import static org.imigateway.as4.EbmsErrorCode.FAILED_AUTHENTICATION;
import static org.imigateway.as4.EbmsErrorCode.FAILED_DECRYPTION;
import static org.imigateway.as4.EbmsErrorCode.POLICY_NONCOMPLIANCE;
import static org.imigateway.as4.StepParties.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import org.imigateway.as4.As4Part;
import org.imigateway.as4.EbmsException;
import org.imigateway.pmode.SecurityProfile;
import org.imigateway.as4.StepParties;
import org.imigateway.as4.VerifiedSecurity;
import org.imigateway.demo.DemoNetwork;
import org.junit.jupiter.api.Test;

/**
 * ProcessSecurityHeader: decrypts and verifies under the leg's security profile, lets only the
 * PMode parties' signing certificates sign, and refuses an unsigned message where the leg
 * requires a signature.
 */
class ProcessSecurityHeaderTest {

    private static final StepParties PARTIES = StepParties.get();
    private final ProcessSecurityHeader step = new ProcessSecurityHeader(PARTIES.receiverKeys, () -> PARTIES.pmodes,
            FreshnessSettings.DEFAULT);

    @Test
    void aSignedEncryptedMessageIsDecryptedAndItsSignerKnown() throws Exception {
        InboundContext context = Received.before(ProcessSecurityHeader.class, PARTIES.craft().build());

        step.process(context);

        VerifiedSecurity security = context.security();
        assertEquals(PARTIES.senderSigning, security.signer().orElseThrow());
        As4Part part = context.envelope().parts().get(0);
        assertEquals(Set.of(part.contentId()), security.encryptedAttachments());
        assertEquals(Set.of(part.contentId()), security.signedAttachments());
        try (InputStream in = new GZIPInputStream(part.open())) {
            assertTrue(new String(in.readAllBytes(), StandardCharsets.UTF_8).contains(">crafted</note>"),
                    "the attachment is decrypted in place (still compressed: that is a later step)");
        }
    }

    @Test
    void anEdDsaMessageIsVerifiedWithTheSendersEd25519Certificate() throws EbmsException {
        InboundContext context = Received.before(ProcessSecurityHeader.class,
                PARTIES.craft().action(DemoNetwork.ACTION_EDDSA).build());

        step.process(context);

        X509Certificate signer = context.security().signer().orElseThrow();
        assertEquals("EdDSA", signer.getPublicKey().getAlgorithm());
        assertTrue(signer.getSubjectX500Principal().getName().contains("CN=" + StepParties.SENDER));
    }

    @Test
    void anUnsignedMessageOnALegThatRequiresASignatureIsRefusedWithEbms0103() throws EbmsException {
        InboundContext context = Received.before(ProcessSecurityHeader.class,
                PARTIES.craft().unsigned().unencrypted().build());

        assertRefused(POLICY_NONCOMPLIANCE, () -> step.process(context), "not signed", "leg 'step-deliver'");
    }

    @Test
    void anUnsignedMessageOnALegWithoutSecurityPassesUnsigned() throws EbmsException {
        InboundContext context = Received.before(ProcessSecurityHeader.class,
                PARTIES.craft().action(StepParties.UNSIGNED).unsigned().build());

        step.process(context);

        assertFalse(context.security().signed());
    }

    @Test
    void anAttachmentChangedAfterSigningIsRefusedWithEbms0101() throws EbmsException {
        InboundContext context = Received.before(ProcessSecurityHeader.class,
                PARTIES.craft().action(StepParties.PLAIN).afterSecurity(p -> p.flipByteOfPart(0)).build());

        assertRefused(FAILED_AUTHENTICATION, () -> step.process(context), "signature does not verify");
    }

    @Test
    void attachmentsEncryptedForAnotherKeyAreRefusedWithEbms0102() throws EbmsException {
        InboundContext context = Received.before(ProcessSecurityHeader.class,
                PARTIES.craft().encryptedFor(PARTIES.senderEncryption).build());

        assertRefused(FAILED_DECRYPTION, () -> step.process(context), "cannot be decrypted");
    }

    @Test
    void aCertificateOfOurCaThatNoPartyHoldsIsRefusedWithEbms0101NamingIt() throws EbmsException {
        InboundContext context = Received.before(ProcessSecurityHeader.class,
                PARTIES.craft().action(DemoNetwork.ACTION_EDDSA).signedWith(PARTIES.strangerKeys).build());

        assertRefused(FAILED_AUTHENTICATION, () -> step.process(context), "CN=stranger",
                "not the signing certificate of a PMode party");
    }

    @Test
    void anotherProfilesAlgorithmsAreRefusedWithEbms0103NamingTheAlgorithm() throws EbmsException {
        InboundContext context = Received.before(ProcessSecurityHeader.class,
                PARTIES.craft().securedAs(SecurityProfile.EDELIVERY_2_0_EDDSA).build());

        assertRefused(POLICY_NONCOMPLIANCE, () -> step.process(context),
                "signature algorithm http://www.w3.org/2021/04/xmldsig-more#eddsa-ed25519");
    }
}
