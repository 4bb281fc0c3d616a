package org.imigateway.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.imigateway.connectors.Delivery;

/**
 * Where accepted messages go before the receipt is sent. {@link #accept} returns only when the
 * message and its receipt are durable: invariant 1 of DESIGN.md (a receipt only for what is
 * safe). Duplicate MessageIds are answered from {@link #receiptFor} and never stored twice.
 */
public interface InboundSink {

    /** The receipt sent for an earlier message with this id, if one was accepted. */
    Optional<byte[]> receiptFor(String messageId) throws IOException;

    /**
     * Stores the message with the receipt about to be sent. When a message with the same id was
     * stored meanwhile (a concurrent duplicate), nothing is stored and the earlier receipt is
     * returned instead. The sink takes the payload files over (it may move them into its own
     * store): the caller does not read them afterwards.
     */
    Optional<byte[]> accept(Delivery message, byte[] receipt) throws IOException;

    /**
     * {@link #accept(Delivery, byte[])}, told the size and SHA-256 of payload files that the
     * caller took while writing them ({@code digests}, by file; a file not named there is read).
     * A sink that keeps no digests ignores them.
     */
    default Optional<byte[]> accept(Delivery message, byte[] receipt, Map<Path, FileDigest> digests)
            throws IOException {
        return accept(message, receipt);
    }

    /** Records the receipt of a ping (test service): proof of the exchange, nothing to deliver. */
    Optional<byte[]> acceptPing(String messageId, byte[] receipt) throws IOException;
}
