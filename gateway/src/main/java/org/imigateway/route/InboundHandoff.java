package org.imigateway.route;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.imigateway.broker.Queues;
import org.imigateway.connectors.Delivery;
import org.imigateway.store.DerbySink;
import org.imigateway.store.FileDigest;
import org.imigateway.store.InboundSink;

/**
 * The inbound end of DESIGN.md's flow: a received message is committed to Derby (message log,
 * payloads, receipt), then queued on {@code imi.inbound}; only then does the endpoint answer
 * with the receipt. A crash between the two leaves the message RECEIVED in Derby, and
 * {@link Recovery} queues it again at the next start (the broker drops the copy if the first
 * hand-off did make it).
 *
 * <p>A broker that does not take the message within {@link Enqueuer#CALLER_WAIT} (its disk above
 * {@code max-disk-usage}) gets the sender a temporary error instead of a request left hanging;
 * the message is RECEIVED in the database, so the sender's retry is answered with its receipt
 * and the message goes on when the broker takes messages again.
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
        return accept(message, receipt, Map.of());
    }

    @Override
    public Optional<byte[]> accept(Delivery message, byte[] receipt, Map<Path, FileDigest> digests) throws IOException {
        Optional<byte[]> earlier = store.accept(message, receipt, digests);
        if (earlier.isEmpty()) {
            try {
                enqueuer.enqueueWithin(Enqueuer.CALLER_WAIT, Queues.INBOUND, message.messageId(), Map.of(Headers.MESSAGE_ID,
                        message.messageId(), Headers.AUTHORITY, ChooseBackend.authority(message)),
                        inboundDuplicateId(message.messageId()));
            } catch (Enqueuer.NotTaken e) {
                throw new IOException("message stored but not queued: " + e.getMessage(), e);
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
