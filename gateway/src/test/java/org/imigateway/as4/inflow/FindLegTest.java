package org.imigateway.as4.inflow;

import static org.imigateway.as4.EbmsErrorCode.PROCESSING_MODE_MISMATCH;
import static org.imigateway.as4.EbmsErrorCode.VALUE_INCONSISTENT;
import static org.imigateway.as4.StepParties.RECEIVER;
import static org.imigateway.as4.StepParties.SENDER;
import static org.imigateway.as4.StepParties.THIRD_PARTY;
import static org.imigateway.as4.StepParties.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.imigateway.as4.EbmsException;
import org.imigateway.as4.Namespaces;
import org.imigateway.as4.StepParties;
import org.imigateway.as4.hostile.Attacks;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.schemas.ebms3.PartyId;
import org.junit.jupiter.api.Test;

/**
 * FindLeg: a known sender, this gateway as receiver, and a PMode leg for Service, Action and
 * agreement that the sender may use; each refusal names the value that did not match.
 */
class FindLegTest {

    private static final StepParties PARTIES = StepParties.get();
    private final FindLeg step = new FindLeg(() -> PARTIES.pmodes, RECEIVER);

    @Test
    void theLegOfServiceActionAndAgreementIsFoundWithItsSender() throws EbmsException {
        InboundContext context = Received.before(FindLeg.class, PARTIES.craft().action(StepParties.SMALL).build());

        step.process(context);

        assertEquals("step-small", context.leg().id());
        assertEquals(SENDER, context.sender().name());
    }

    @Test
    void aPingGetsTheBuiltInTestServiceLeg() throws EbmsException {
        InboundContext context = Received.before(FindLeg.class, PARTIES.craft().header(m -> {
            Attacks.user(m).getCollaborationInfo().getService().setValue(Namespaces.TEST_SERVICE);
            Attacks.user(m).getCollaborationInfo().getService().setType(null);
            Attacks.user(m).getCollaborationInfo().setAction(Namespaces.TEST_ACTION);
        }).build());

        step.process(context);

        assertTrue(context.leg().isPing(), context.leg()::toString);
    }

    @Test
    void anUnknownFromPartyIsRefusedWithEbms0010NamingIt() throws EbmsException {
        InboundContext context = Received.before(FindLeg.class, PARTIES.craft().from("mallory").build());

        assertRefused(PROCESSING_MODE_MISMATCH, () -> step.process(context), "From PartyId 'mallory'",
                "urn:oasis:names:tc:ebcore:partyid-type:unregistered");
    }

    @Test
    void aKnownPartyIdOfAnotherTypeIsRefusedWithEbms0010NamingTheType() throws EbmsException {
        InboundContext context = Received.before(FindLeg.class, PARTIES.craft().header(m -> Attacks.user(m)
                .getPartyInfo().getFrom().getPartyIds().get(0).setType("urn:step:other-type")).build());

        assertRefused(PROCESSING_MODE_MISMATCH, () -> step.process(context), "'" + SENDER + "'", "'urn:step:other-type'");
    }

    @Test
    void twoFromPartyIdsAreRefusedWithEbms0003() throws EbmsException {
        InboundContext context = Received.before(FindLeg.class, PARTIES.craft().header(m -> {
            PartyId second = new PartyId();
            second.setValue(THIRD_PARTY);
            Attacks.user(m).getPartyInfo().getFrom().getPartyIds().add(second);
        }).build());

        assertRefused(VALUE_INCONSISTENT, () -> step.process(context), "From has 2 PartyId");
    }

    @Test
    void aMessageForAnotherGatewayIsRefusedWithEbms0003NamingBoth() throws EbmsException {
        InboundContext context = Received.before(FindLeg.class, PARTIES.craft().to(THIRD_PARTY).build());

        assertRefused(VALUE_INCONSISTENT, () -> step.process(context), "To PartyId '" + THIRD_PARTY + "'",
                "'" + RECEIVER + "'");
    }

    @Test
    void anUnknownServiceIsRefusedWithEbms0010NamingIt() throws EbmsException {
        InboundContext context = Received.before(FindLeg.class, PARTIES.craft().header(
                m -> Attacks.user(m).getCollaborationInfo().getService().setValue("urn:step:unknown-service")).build());

        assertRefused(PROCESSING_MODE_MISMATCH, () -> step.process(context), "service 'urn:step:unknown-service'");
    }

    @Test
    void anUnknownActionOfAKnownServiceIsRefusedWithEbms0010NamingBoth() throws EbmsException {
        InboundContext context = Received.before(FindLeg.class, PARTIES.craft().header(
                m -> Attacks.user(m).getCollaborationInfo().setAction("Exfiltrate")).build());

        assertRefused(PROCESSING_MODE_MISMATCH, () -> step.process(context), "service '" + DemoNetwork.SERVICE + "'",
                "action 'Exfiltrate'");
    }

    @Test
    void anAgreementOfNoLegIsRefusedWithEbms0003NamingIt() throws EbmsException {
        InboundContext context = Received.before(FindLeg.class, PARTIES.craft().header(
                m -> Attacks.user(m).getCollaborationInfo().getAgreementRef().setValue("urn:step:other-agreement")).build());

        assertRefused(VALUE_INCONSISTENT, () -> step.process(context), "AgreementRef 'urn:step:other-agreement'",
                "action '" + DemoNetwork.ACTION + "'");
    }

    @Test
    void aServiceTypeOtherThanTheLegsIsRefusedWithEbms0003NamingBoth() throws EbmsException {
        InboundContext context = Received.before(FindLeg.class, PARTIES.craft().header(
                m -> Attacks.user(m).getCollaborationInfo().getService().setType("urn:step:other-type")).build());

        assertRefused(VALUE_INCONSISTENT, () -> step.process(context), "Service/@type 'urn:step:other-type'",
                "'" + DemoNetwork.SERVICE_TYPE + "'", "'step-deliver'");
    }

    @Test
    void aSenderTheLegDoesNotListAsInitiatorIsRefusedWithEbms0010() throws EbmsException {
        InboundContext context = Received.before(FindLeg.class, PARTIES.craft()
                .header(m -> Attacks.user(m).getCollaborationInfo().setAction(StepParties.RESTRICTED)).build());

        assertRefused(PROCESSING_MODE_MISMATCH, () -> step.process(context), "party '" + SENDER + "'",
                "leg 'step-restricted'");
    }
}
