package org.imigateway.as4.inflow;

import java.io.IOException;
import java.util.UUID;

import org.imigateway.as4.EbmsException;
import org.imigateway.connectors.Delivery;
import org.imigateway.store.InboundSink;

/**
 * TEST-ONLY fault {@code testing.fault.deliverDuplicates} (see {@code ConformanceFaults}): takes
 * the place of {@link StoreMessage} with duplicate detection off. A MessageId seen before is
 * stored again under a suffixed id, so the backend gets the message a second time, the way a
 * receiver without duplicate elimination behaves.
 */
final class DeliverAgain implements InboundStep {

    private final InboundSink sink;
    private final StoreMessage store;

    DeliverAgain(InboundSink sink) {
        this.sink = sink;
        this.store = new StoreMessage(sink);
    }

    @Override
    public void process(InboundContext context) throws EbmsException {
        String messageId = context.messageId().orElseThrow();
        try {
            if (context.leg().isPing() || sink.receiptFor(messageId).isEmpty()) {
                store.process(context);
                return;
            }
            Delivery first = StoreMessage.delivery(context);
            sink.accept(new Delivery(messageId + "#delivered-again-" + UUID.randomUUID(), first.conversationId(),
                    first.refToMessageId(), first.timestamp(), first.fromPartyId(), first.toPartyId(), first.service(),
                    first.serviceType(), first.action(), first.properties(), first.payloads()), context.receipt().orElseThrow());
        } catch (IOException e) {
            throw EbmsException.temporary("the message cannot be stored; it was not accepted, send it again", e);
        }
    }
}
