package org.imigateway.as4.inflow;

import static org.imigateway.as4.EbmsErrorCode.FAILED_AUTHENTICATION;
import static org.imigateway.as4.StepParties.RECEIVER;
import static org.imigateway.as4.StepParties.SENDER;
import static org.imigateway.as4.StepParties.THIRD_PARTY;
import static org.imigateway.as4.StepParties.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.imigateway.as4.EbmsException;
import org.imigateway.as4.StepParties;
import org.imigateway.demo.DemoNetwork;
import org.junit.jupiter.api.Test;

/** AuthorizeSender: the party named in From must have signed, with its own certificate of the leg's profile. */
class AuthorizeSenderTest {

    private static final StepParties PARTIES = StepParties.get();
    private final AuthorizeSender step = new AuthorizeSender();

    @Test
    void theFromPartysOwnSignatureIsAuthorized() throws EbmsException {
        InboundContext context = Received.before(AuthorizeSender.class, PARTIES.craft().build());

        step.process(context);

        assertEquals(PARTIES.senderSigning, context.security().signer().orElseThrow());
    }

    @Test
    void theFromPartysOwnEdDsaSignatureIsAuthorizedOnAnEdDsaLeg() throws EbmsException {
        InboundContext context = Received.before(AuthorizeSender.class,
                PARTIES.craft().action(DemoNetwork.ACTION_EDDSA).build());

        step.process(context);
    }

    @Test
    void aMessageInAnotherPartysNameIsRefusedWithEbms0101NamingSignerAndParty() throws EbmsException {
        InboundContext context = Received.before(AuthorizeSender.class, PARTIES.craft().from(THIRD_PARTY).build());

        assertRefused(FAILED_AUTHENTICATION, () -> step.process(context), "CN=" + SENDER, "party '" + THIRD_PARTY + "'",
                "edelivery-1.15");
    }

    @Test
    void aMessageSignedByAnotherPartyOfThePModesIsRefusedWithEbms0101() throws EbmsException {
        InboundContext context = Received.before(AuthorizeSender.class,
                PARTIES.craft().signedWith(PARTIES.receiverKeys).build());

        assertRefused(FAILED_AUTHENTICATION, () -> step.process(context), "CN=" + RECEIVER, "party '" + SENDER + "'");
    }

    @Test
    void aPartyWithoutCertificatesOfTheLegsProfileIsRefusedWithEbms0101() throws EbmsException {
        InboundContext context = Received.before(AuthorizeSender.class,
                PARTIES.craft().action(DemoNetwork.ACTION_EDDSA).from(THIRD_PARTY).build());

        assertRefused(FAILED_AUTHENTICATION, () -> step.process(context),
                "party '" + THIRD_PARTY + "' has no edelivery-2.0-eddsa certificates", "leg 'step-eddsa'");
    }

    @Test
    void anUnsignedMessageOnALegWithoutSecurityHasNoSignerToAuthorize() throws EbmsException {
        InboundContext context = Received.before(AuthorizeSender.class,
                PARTIES.craft().action(StepParties.UNSIGNED).unsigned().from(THIRD_PARTY).build());

        step.process(context);
    }
}
