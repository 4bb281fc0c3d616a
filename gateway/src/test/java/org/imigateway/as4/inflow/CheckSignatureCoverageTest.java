package org.imigateway.as4.inflow;

import static org.imigateway.as4.EbmsErrorCode.FAILED_AUTHENTICATION;
import static org.imigateway.as4.EbmsErrorCode.MIME_INCONSISTENCY;
import static org.imigateway.as4.EbmsErrorCode.POLICY_NONCOMPLIANCE;
import static org.imigateway.as4.StepParties.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.imigateway.as4.EbmsException;
import org.imigateway.as4.MessageSigner;
import org.imigateway.as4.MimeEnvelope;
import org.imigateway.pmode.SecurityProfile;
import org.imigateway.as4.StepParties;
import org.imigateway.as4.hostile.Attacks;
import org.imigateway.demo.DemoNetwork;
import org.junit.jupiter.api.Test;

/**
 * CheckSignatureCoverage: the one signature covers the very eb:Messaging that was read, the very
 * SOAP Body and every attachment, and on an encrypting leg every attachment arrived encrypted.
 */
class CheckSignatureCoverageTest {

    private static final StepParties PARTIES = StepParties.get();
    private final CheckSignatureCoverage step = new CheckSignatureCoverage();

    @Test
    void aSignatureOverMessagingBodyAndEveryAttachmentPasses() throws EbmsException {
        InboundContext context = Received.before(CheckSignatureCoverage.class,
                PARTIES.craft().payload(PARTIES.xmlPayload("<note xmlns=\"urn:hostile\">first</note>"))
                        .payload(PARTIES.binaryPayload(4096)).build());

        step.process(context);

        assertEquals(2, context.security().signedAttachments().size());
    }

    @Test
    void twoSignaturesAreRefusedWithEbms0101() throws EbmsException {
        InboundContext context = Received.before(CheckSignatureCoverage.class, PARTIES.craft().beforeSecurity(p -> {
            try {
                new MessageSigner().sign(new MimeEnvelope(p.soap(), p.parts()), SecurityProfile.EDELIVERY_1_15,
                        PARTIES.receiverKeys, PARTIES.newFolder("second-signature-"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).build());

        assertRefused(FAILED_AUTHENTICATION, () -> step.process(context), "2 signatures");
    }

    @Test
    void aSignedMessagingMovedAsideForAnUnsignedCopyIsRefusedWithEbms0101() throws EbmsException {
        InboundContext context = Received.before(CheckSignatureCoverage.class,
                PARTIES.craft().afterSecurity(Attacks.wrapSignedMessaging(DemoNetwork.ACTION)).build());

        assertRefused(FAILED_AUTHENTICATION, () -> step.process(context), "eb:Messaging header that was received");
    }

    @Test
    void aSignedBodyMovedAsideForAForgedOneIsRefusedWithEbms0101() throws EbmsException {
        InboundContext context = Received.before(CheckSignatureCoverage.class,
                PARTIES.craft().afterSecurity(Attacks::wrapSignedBody).build());

        assertRefused(FAILED_AUTHENTICATION, () -> step.process(context), "SOAP Body");
    }

    @Test
    void anAttachmentAddedAfterSigningIsRefusedWithEbms0101NamingIt() throws EbmsException {
        InboundContext context = Received.before(CheckSignatureCoverage.class,
                PARTIES.craft().afterSecurity(Attacks.addStowaway("late@step")).build());

        assertRefused(FAILED_AUTHENTICATION, () -> step.process(context), "cid:late@step", "not covered");
    }

    @Test
    void anUnencryptedAttachmentOnAnEncryptingLegIsRefusedWithEbms0103() throws EbmsException {
        InboundContext context = Received.before(CheckSignatureCoverage.class, PARTIES.craft().unencrypted().build());
        String href = context.envelope().parts().get(0).href();

        assertRefused(POLICY_NONCOMPLIANCE, () -> step.process(context), href, "not encrypted", "leg 'step-deliver'");
    }

    @Test
    void anUnencryptedAttachmentOnASignOnlyLegPasses() throws EbmsException {
        InboundContext context = Received.before(CheckSignatureCoverage.class,
                PARTIES.craft().action(StepParties.PLAIN).build());

        step.process(context);
    }

    /** The MIME part is gone after the signature was checked: only the coverage check notices. */
    @Test
    void aSignedAttachmentTheMessageDoesNotCarryIsRefusedWithEbms0007NamingIt() throws EbmsException {
        InboundContext verified = Received.before(CheckSignatureCoverage.class,
                PARTIES.craft().action(StepParties.PLAIN).build());
        String contentId = verified.envelope().parts().get(0).contentId();
        InboundContext context = new InboundContext(new MimeEnvelope(verified.envelope().soap(), List.of()),
                verified.workDir());
        context.header(verified.messagingElement(), verified.messaging(), verified.userMessage());
        context.leg(verified.leg());
        context.sender(verified.sender());
        context.security(verified.security());

        assertRefused(MIME_INCONSISTENCY, () -> step.process(context), "cid:" + contentId, "does not carry");
    }

    @Test
    void anUnsignedMessageOnALegWithoutSecurityIsNotChecked() throws EbmsException {
        InboundContext context = Received.before(CheckSignatureCoverage.class,
                PARTIES.craft().action(StepParties.UNSIGNED).unsigned().build());

        step.process(context);
    }
}
