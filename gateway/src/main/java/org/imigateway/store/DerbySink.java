package org.imigateway.store;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.imigateway.connectors.Delivery;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.connectors.Payload;

/**
 * The durable inbound sink: payloads into the {@link PayloadStore}, and the message, its
 * payload rows, its receipt and its first history line into the {@link MessageLog} in one
 * transaction. The unique MessageId decides between concurrent duplicates: the first commit
 * wins, the others store nothing and answer with its receipt.
 *
 * <p>A ping (test service) is kept as an inbound row with {@code ping = true} in status
 * RECEIVED: its receipt answers duplicates like any other, but it is never offered for
 * delivery, never moves and is not counted.
 */
public final class DerbySink implements InboundSink {

    /** The ebMS test service and action (ebMS 3.0 core, 5.2.2): what a ping is. */
    static final String TEST_SERVICE = "http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/service";
    static final String TEST_ACTION = "http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/test";

    private final MessageLog log;
    private final PayloadStore payloads;

    public DerbySink(MessageLog log, PayloadStore payloads) {
        this.log = log;
        this.payloads = payloads;
    }

    @Override
    public Optional<byte[]> receiptFor(String messageId) throws IOException {
        try {
            return log.receipt(messageId, Direction.INBOUND);
        } catch (StoreException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public Optional<byte[]> accept(Delivery message, byte[] receipt) throws IOException {
        return accept(message, receipt, Map.of());
    }

    @Override
    public Optional<byte[]> accept(Delivery message, byte[] receipt, Map<Path, FileDigest> digests) throws IOException {
        List<PayloadStore.Staged> staged = new ArrayList<>();
        boolean stored = false;
        try {
            for (Payload payload : message.payloads()) {
                staged.add(payloads.stage(payload.file(), Optional.ofNullable(digests.get(payload.file()))));
            }
            stored = store(MessageHeader.of(message), false, message.properties(), message.payloads(), receipt, staged);
        } finally {
            if (!stored) {
                payloads.discard(staged);
            }
        }
        if (!stored) {
            return earlierReceipt(message.messageId());
        }
        // Committed: the message is durable even if this move fails; recover() finishes it then.
        payloads.publish(staged);
        log.changes().changed(message.messageId(), message.conversationId(), Direction.INBOUND, Optional.empty(),
                MessageStatus.RECEIVED, MessageLog.receivedNote(false));
        return Optional.empty();
    }

    @Override
    public Optional<byte[]> acceptPing(String messageId, byte[] receipt) throws IOException {
        // The sink is handed only the MessageId of a ping; the rest of its header is not kept.
        Instant now = Instant.now();
        MessageHeader header = new MessageHeader(messageId, "", Optional.empty(), now, "", "", TEST_SERVICE,
                Optional.empty(), TEST_ACTION);
        if (!store(header, true, List.of(), List.of(), receipt, List.of())) {
            return earlierReceipt(messageId);
        }
        StatusChanges.logLine(messageId, "", Direction.INBOUND, Optional.empty(), MessageStatus.RECEIVED,
                MessageLog.receivedNote(true));
        return Optional.empty();
    }

    /** One transaction; false when the MessageId was already there (nothing stored). */
    private boolean store(MessageHeader header, boolean ping, List<MessageProperty> properties, List<Payload> parts,
            byte[] receipt, List<PayloadStore.Staged> staged) throws IOException {
        try {
            return log.database().inTransaction(connection -> {
                Optional<Long> ref = log.insertReceived(connection, header, ping, properties, receipt, Instant.now());
                if (ref.isEmpty()) {
                    connection.rollback(); // PostgreSQL has aborted the transaction anyway
                    return false;
                }
                payloads.insertRows(connection, ref.get(), parts, staged);
                return true;
            });
        } catch (SQLException e) {
            throw new IOException("cannot store inbound message " + header.messageId() + ": " + Jdbc.describe(e), e);
        }
    }

    private Optional<byte[]> earlierReceipt(String messageId) throws IOException {
        Optional<byte[]> earlier = receiptFor(messageId);
        if (earlier.isEmpty()) {
            throw new IOException("inbound message " + messageId + " is already in the message log without a receipt");
        }
        return earlier;
    }

    /**
     * The stored message as a backend receives it, its payloads read from the payload store;
     * empty for an unknown MessageId or a ping. This is what the delivery route hands on, also
     * for messages re-enqueued after a crash ({@link MessageLog#inboundPendingDelivery()}).
     */
    public Optional<Delivery> delivery(String messageId) {
        try {
            return log.database().inTransaction(connection -> {
                Optional<MessageRecord> received = MessageRows.find(connection, messageId, Direction.INBOUND);
                return received.isEmpty() ? Optional.<Delivery>empty() : delivery(connection, received.get());
            });
        } catch (SQLException e) {
            throw new StoreException("cannot read inbound message " + messageId + " for delivery: " + Jdbc.describe(e), e);
        }
    }

    /** {@link #delivery(String)} in the caller's transaction, of a row it has read: its properties and payload rows. */
    Optional<Delivery> delivery(Connection connection, MessageRecord received) throws SQLException {
        if (received.ping() || received.direction() != Direction.INBOUND) {
            return Optional.empty();
        }
        MessageHeader header = received.header();
        record Rows(List<MessageProperty> properties, List<StoredPayload> payloads) {
        }
        Rows rows = new Rows(MessageRows.properties(connection, header.messageId(), Direction.INBOUND),
                payloads.payloads(connection, header.messageId(), Direction.INBOUND));
        List<Payload> parts = rows.payloads().stream()
                .map(p -> new Payload(payloads.file(p), p.mimeType(), p.characterSet(), p.properties()))
                .toList();
        return Optional.of(new Delivery(header.messageId(), header.conversationId(), header.refToMessageId(),
                header.timestamp(), header.fromParty(), header.toParty(), header.service(), header.serviceType(),
                header.action(), rows.properties(), parts));
    }
}
