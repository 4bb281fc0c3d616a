package org.imigateway.route;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import org.imigateway.broker.Queues;
import org.imigateway.connectors.Delivery;
import org.imigateway.store.DerbySink;
import org.imigateway.store.InboundSink;

/**
 * The inbound end of DESIGN.md's flow: a received message is committed to Derby (message log,
 * payloads, receipt), then queued on {@code imi.inbound}; only then does the endpoint answer
 * with the receipt. A crash between the two leaves the message RECEIVED in Derby, and
 * {@link Recovery} queues it again at the next start (the broker drops the copy if the first
 * hand-off did make it).
 */
public final class InboundHandoff implements InboundSink {

    private final DerbySink store;
    private final Enqueuer enqueuer;

    public InboundHandoff(DerbySink store, Enqueuer enqueuer) {
        this.store = store;
        this.enqueuer = enqueuer;
    }

    @Override
    public Optional<byte[]> receiptFor(String messageId) throws IOException {
        return store.receiptFor(messageId);
    }

    @Override
    public Optional<byte[]> accept(Delivery message, byte[] receipt) throws IOException {
        Optional<byte[]> earlier = store.accept(message, receipt);
        if (earlier.isEmpty()) {
            try {
                enqueuer.enqueue(Queues.INBOUND, message.messageId(), Map.of(Headers.MESSAGE_ID, message.messageId(),
                        Headers.AUTHORITY, ChooseBackend.authority(message)), inboundDuplicateId(message.messageId()));
            } catch (RuntimeException e) {
                // Stored but not queued: the sender gets a temporary error and retries; the retry
                // is a duplicate answered from Derby, and recovery queues the message.
                throw new IOException("message stored but not queued: " + e.getMessage(), e);
            }
        }
        return earlier;
    }

    @Override
    public Optional<byte[]> acceptPing(String messageId, byte[] receipt) throws IOException {
        return store.acceptPing(messageId, receipt);
    }

    static String inboundDuplicateId(String messageId) {
        return "in:" + messageId;
    }
}
