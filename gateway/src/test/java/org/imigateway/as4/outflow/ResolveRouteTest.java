package org.imigateway.as4.outflow;

import static org.imigateway.as4.EbmsErrorCode.OTHER;
import static org.imigateway.as4.EbmsErrorCode.PROCESSING_MODE_MISMATCH;
import static org.imigateway.as4.EbmsErrorCode.VALUE_NOT_RECOGNIZED;
import static org.imigateway.as4.StepParties.RECEIVER;
import static org.imigateway.as4.StepParties.SENDER;
import static org.imigateway.as4.StepParties.THIRD_PARTY;
import static org.imigateway.as4.StepParties.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.imigateway.as4.EbmsException;
import org.imigateway.as4.Namespaces;
import org.imigateway.as4.StepParties;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;
import org.junit.jupiter.api.Test;

/**
 * ResolveRoute: before anything is built, the receiver must be a PMode party with an endpoint,
 * a leg must cover Service/Action and list us as initiator, and every payload file must exist
 * and fit the leg's limit; the refusal names the field and the value.
 */
class ResolveRouteTest {

    private static final StepParties PARTIES = StepParties.get();
    private final ResolveRoute step = new ResolveRoute();
    private final Path workDir = PARTIES.newFolder("route-");

    @Test
    void aSubmissionResolvesToReceiverLegAndItsOwnMessageId() throws EbmsException {
        Submission submission = PARTIES.submission(DemoNetwork.ACTION).messageId("given@step")
                .payload(PARTIES.binaryPayload(64)).build();

        OutboundMessage message = step.resolve(submission, PARTIES.pmodes, SENDER, workDir);

        assertEquals(SENDER, message.sender().name());
        assertEquals(RECEIVER, message.receiver().name());
        assertEquals("step-deliver", message.leg().id());
        assertEquals("given@step", message.messageId());
        assertEquals(workDir, message.workDir());
        assertTrue(message.parts().isEmpty(), "payloads are prepared by the next step");
    }

    @Test
    void aMessageIdIsMadeWhenTheBackendGaveNone() throws EbmsException {
        Submission submission = PARTIES.submission(DemoNetwork.ACTION).build();

        String first = step.resolve(submission, PARTIES.pmodes, SENDER, workDir).messageId();
        String second = step.resolve(submission, PARTIES.pmodes, SENDER, workDir).messageId();

        assertFalse(first.isBlank());
        assertNotEquals(first, second);
    }

    @Test
    void aPingTravelsOnTheBuiltInTestLeg() throws EbmsException {
        Submission ping = Submission.to(RECEIVER).service(Namespaces.TEST_SERVICE).action(Namespaces.TEST_ACTION).build();

        assertTrue(step.resolve(ping, PARTIES.pmodes, SENDER, workDir).leg().isPing());
    }

    @Test
    void anUnknownToPartyIsRefusedWithEbms0001NamingIt() {
        Submission submission = Submission.to("mallory").service(DemoNetwork.SERVICE).action(DemoNetwork.ACTION).build();

        assertRefused(VALUE_NOT_RECOGNIZED, () -> step.resolve(submission, PARTIES.pmodes, SENDER, workDir),
                "toParty 'mallory'");
    }

    @Test
    void aPartyWithoutEndpointIsRefusedWithEbms0010NamingIt() {
        Submission submission = Submission.to(THIRD_PARTY).service(DemoNetwork.SERVICE).action(DemoNetwork.ACTION)
                .build();

        assertRefused(PROCESSING_MODE_MISMATCH, () -> step.resolve(submission, PARTIES.pmodes, SENDER, workDir),
                "party '" + THIRD_PARTY + "'", "no endpoint");
    }

    @Test
    void anUnknownServiceAndActionIsRefusedWithEbms0010NamingBoth() {
        Submission submission = PARTIES.submission("Exfiltrate").build();

        assertRefused(PROCESSING_MODE_MISMATCH, () -> step.resolve(submission, PARTIES.pmodes, SENDER, workDir),
                "service '" + DemoNetwork.SERVICE + "'", "action 'Exfiltrate'");
    }

    @Test
    void aLegThatDoesNotListUsAsInitiatorIsRefusedWithEbms0010() {
        Submission submission = PARTIES.submission(StepParties.RESTRICTED).build();

        assertRefused(PROCESSING_MODE_MISMATCH, () -> step.resolve(submission, PARTIES.pmodes, SENDER, workDir),
                "leg 'step-restricted'", "('" + SENDER + "')");
    }

    @Test
    void aMissingPayloadFileIsRefusedWithEbms0004NamingIt() {
        Submission submission = PARTIES.submission(DemoNetwork.ACTION).payload(PARTIES.binaryPayload(64))
                .payload(Payload.of(workDir.resolve("gone.xml"), "application/xml")).build();

        assertRefused(OTHER, () -> step.resolve(submission, PARTIES.pmodes, SENDER, workDir), "payload 2",
                "gone.xml", "does not exist");
    }

    @Test
    void aPayloadOverTheLegsLimitIsRefusedWithEbms0004NamingSizeAndLimit() {
        Submission submission = PARTIES.submission(StepParties.SMALL).payload(PARTIES.binaryPayload(4096)).build();

        assertRefused(OTHER, () -> step.resolve(submission, PARTIES.pmodes, SENDER, workDir), "payload 1",
                "4096 bytes", "the " + StepParties.SMALL_LIMIT, "leg 'step-small'");
    }
}
