package org.imigateway.as4.inflow;

import java.io.IOException;
import java.util.Optional;

import org.imigateway.as4.EbmsException;
import org.imigateway.store.InboundSink;

/**
 * A MessageId seen before is answered with the original receipt and not delivered again, so
 * a sender that lost its receipt stops retrying (as Domibus and Holodeck B2B do; phase4
 * answers EBMS:0004 instead). Runs after authentication: a stranger cannot fish for receipts.
 */
public final class DetectDuplicate implements InboundStep {

    private final InboundSink sink;

    public DetectDuplicate(InboundSink sink) {
        this.sink = sink;
    }

    @Override
    public void process(InboundContext context) throws EbmsException {
        if (!context.leg().duplicateDetection()) {
            return;
        }
        try {
            Optional<byte[]> original = sink.receiptFor(context.messageId().orElseThrow());
            original.ifPresent(context::duplicate);
        } catch (IOException e) {
            throw EbmsException.temporary("the message log cannot be read; try again later", e);
        }
    }
}
