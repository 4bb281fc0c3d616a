package org.imigateway.as4.inflow;

import static org.imigateway.as4.EbmsErrorCode.OTHER;
import static org.imigateway.as4.StepParties.assertRefused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.imigateway.as4.EbmsException;
import org.imigateway.as4.StepParties;
import org.imigateway.as4.hostile.CraftedMessage;
import org.junit.jupiter.api.Test;

/**
 * DetectDuplicate: a MessageId already in the Derby message log is answered with its original
 * receipt and goes no further; a new one passes; the leg can switch the check off.
 */
class DetectDuplicateTest {

    private static final StepParties PARTIES = StepParties.get();
    private final DetectDuplicate step = new DetectDuplicate(PARTIES.sink());

    @Test
    void aNewMessageIdIsNoDuplicate() throws EbmsException {
        InboundContext context = Received.before(DetectDuplicate.class, PARTIES.craft().build());

        step.process(context);

        assertFalse(context.duplicate());
        assertTrue(context.receipt().isEmpty(), "the receipt is made later, for a new message");
    }

    @Test
    void aMessageIdAcceptedBeforeIsADuplicateAnsweredWithTheOriginalReceipt() throws EbmsException {
        CraftedMessage message = PARTIES.craft().build();
        byte[] original = Received.accepted(message).receipt().orElseThrow();
        InboundContext again = Received.before(DetectDuplicate.class, message);

        step.process(again);

        assertTrue(again.duplicate());
        assertArrayEquals(original, again.receipt().orElseThrow());
    }

    @Test
    void aLegWithoutDuplicateDetectionLetsAKnownMessageIdThrough() throws EbmsException {
        CraftedMessage message = PARTIES.craft().action(StepParties.NO_DUPLICATE_CHECK).build();
        Received.accepted(message);
        InboundContext again = Received.before(DetectDuplicate.class, message);

        step.process(again);

        assertFalse(again.duplicate());
    }

    @Test
    void aMessageLogThatCannotBeReadIsATemporaryRefusal() throws EbmsException {
        InboundContext context = Received.before(DetectDuplicate.class, PARTIES.craft().build());
        DetectDuplicate broken = new DetectDuplicate(PARTIES.brokenSink());

        EbmsException refusal = assertRefused(OTHER, () -> broken.process(context), "message log cannot be read",
                "try again");
        assertTrue(refusal.isTemporary(), "our fault, not the message's: the sender should retry");
    }
}
