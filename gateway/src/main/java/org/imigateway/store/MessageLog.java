package org.imigateway.store;

import static org.imigateway.store.Direction.INBOUND;
import static org.imigateway.store.Direction.OUTBOUND;
import static org.imigateway.store.MessageStatus.ACKNOWLEDGED;
import static org.imigateway.store.MessageStatus.DELIVERED;
import static org.imigateway.store.MessageStatus.RECEIVED;
import static org.imigateway.store.MessageStatus.SEND_ENQUEUED;
import static org.imigateway.store.MessageStatus.SEND_FAILURE;
import static org.imigateway.store.MessageStatus.WAITING_FOR_RETRY;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.imigateway.connectors.MessageProperty;

/**
 * Where every message stands. Each status change is one transaction that moves the row only if
 * it is still in the status it was read in ({@code UPDATE ... WHERE status = ?}), so of two
 * threads moving the same message exactly one wins; the change goes into the status history in
 * the same transaction and into the log once committed.
 */
public final class MessageLog {


    /** The longest MessageId, ConversationId, party id, service, action or property name kept. */
    public static final int MAX_TEXT = 255;
    /** The longest property value kept. */
    public static final int MAX_PROPERTY_VALUE = 1024;
    private static final int MAX_ERROR_CODE = 32;
    /** Rounds a move tries when other threads keep changing the message between read and update. */
    private static final int MAX_ROUNDS = 10;

    private final Database database;
    private final MessageQueries queries;
    private final StatusChanges changes = new StatusChanges();

    public MessageLog(Database database) {
        this.database = database;
        this.queries = new MessageQueries(database);
    }

    Database database() {
        return database;
    }

    /** From now on {@code listener} hears of every committed status change made through this log. */
    public void addListener(StatusListener listener) {
        changes.add(listener);
    }

    public void removeListener(StatusListener listener) {
        changes.remove(listener);
    }

    /** Where a committed status change is told (log line, listeners); for the sink's own transaction. */
    StatusChanges changes() {
        return changes;
    }

    // ---------------------------------------------------------------- new messages

    /**
     * Records an outbound message about to be sent, in status SEND_ENQUEUED, with the prepared
     * body that every attempt POSTs.
     *
     * @throws DuplicateMessageException when an outbound message with this MessageId exists
     */
    public void registerOutbound(MessageHeader header, List<MessageProperty> properties, MimeBody body) {
        String note = "registered for sending";
        try {
            database.inTransaction(connection -> {
                Instant now = Instant.now();
                long ref = MessageRows.insertMessage(connection, header, OUTBOUND, false, Optional.of(body), now);
                MessageRows.insertProperties(connection, ref, properties);
                MessageRows.insertHistory(connection, ref, Optional.empty(), SEND_ENQUEUED, note, now);
                return ref;
            });
        } catch (SQLException e) {
            if (Jdbc.isUniqueViolation(e)) {
                throw new DuplicateMessageException(header.messageId(), OUTBOUND);
            }
            throw failure("register outbound message " + header.messageId(), e);
        }
        changes.changed(header.messageId(), header.conversationId(), OUTBOUND, Optional.empty(), SEND_ENQUEUED, note);
    }

    /**
     * Inserts a received message in status RECEIVED, its properties, its receipt and the first
     * history line on {@code connection}, leaving the commit to the caller, who stores the
     * payload rows in the same transaction. Empty when the MessageId is already in the log (also
     * when a concurrent transaction inserted it first); the caller must then roll back.
     */
    Optional<Long> insertReceived(Connection connection, MessageHeader header, boolean ping,
            List<MessageProperty> properties, byte[] receipt, Instant now) throws SQLException {
        long ref;
        try {
            ref = MessageRows.insertMessage(connection, header, INBOUND, ping, Optional.empty(), now);
        } catch (SQLException e) {
            if (Jdbc.isUniqueViolation(e)) {
                return Optional.empty();
            }
            throw e;
        }
        MessageRows.insertProperties(connection, ref, properties);
        MessageRows.insertReceipt(connection, ref, receipt);
        MessageRows.insertHistory(connection, ref, Optional.empty(), RECEIVED, receivedNote(ping), now);
        return Optional.of(ref);
    }

    static String receivedNote(boolean ping) {
        return ping ? "ping received and receipted; never delivered" : "received and receipted";
    }

    // ---------------------------------------------------------------- status changes

    /**
     * Moves a message from {@code from} to {@code to} if it is still in {@code from}.
     *
     * @return false when the message is no longer in {@code from} (another thread or an
     *         operator moved it first)
     * @throws IllegalTransitionException when the state machine does not allow {@code from -> to}
     * @throws UnknownMessageException when there is no such message
     */
    public boolean transition(String messageId, MessageStatus from, MessageStatus to, String note) {
        if (!from.canMoveTo(to)) {
            throw new IllegalTransitionException(messageId, from.direction(), from, to);
        }
        return move(messageId, from.direction(), Optional.of(from), to, note, Effects.KEEP);
    }

    /**
     * A POST of an outbound message failed and will be made again at {@code nextAttempt}:
     * SEND_ENQUEUED to WAITING_FOR_RETRY, one attempt more, the error kept as the last one.
     */
    public void recordAttempt(String messageId, Instant nextAttempt, String errorCode, String errorDetail) {
        String note = "attempt failed (" + errorCode + "): " + errorDetail + "; next attempt at " + Jdbc.stored(nextAttempt);
        move(messageId, OUTBOUND, Optional.empty(), WAITING_FOR_RETRY, note,
                new Effects(nextAttempt, errorCode, errorDetail, false, null));
    }

    /**
     * A valid receipt came back for an outbound message; it is kept as evidence.
     *
     * @return false when the message was already ACKNOWLEDGED (a repeated POST got the same
     *         receipt); the first receipt stays
     */
    public boolean acknowledge(String messageId, byte[] receipt) {
        try {
            return move(messageId, OUTBOUND, Optional.empty(), ACKNOWLEDGED, "acknowledged by the receiver",
                    new Effects(null, null, null, false, receipt.clone()));
        } catch (IllegalTransitionException e) {
            if (e.from() == ACKNOWLEDGED) {
                return false;
            }
            throw e;
        }
    }

    /**
     * A held outbound message (kept at submission because its receiver was not known yet) has
     * been built at a later attempt: its receiver's PartyId and the body every attempt from now
     * on POSTs.
     */
    public void built(String messageId, String toParty, MimeBody body) {
        int updated = inTransaction("record the body of outbound message " + messageId, connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE message SET to_party = ?, body_file = ?,"
                    + " body_content_type = ? WHERE message_id = ? AND direction = ?")) {
                update.setString(1, Jdbc.fit("To PartyId", toParty, MAX_TEXT));
                update.setString(2, body.file().toAbsolutePath().toString());
                update.setString(3, body.contentType());
                update.setString(4, messageId);
                update.setString(5, OUTBOUND.name());
                return update.executeUpdate();
            }
        });
        if (updated == 0) {
            throw new UnknownMessageException(messageId, OUTBOUND);
        }
    }

    /** Gives up on an outbound message (no retries left, or an error no retry can cure). */
    public void fail(String messageId, String errorCode, String errorDetail) {
        move(messageId, OUTBOUND, Optional.empty(), SEND_FAILURE, "failed (" + errorCode + "): " + errorDetail,
                new Effects(null, errorCode, errorDetail, false, null));
    }

    /**
     * Records that a received message reached its backend. Only the first call moves it: this
     * is what keeps a message from being delivered twice.
     *
     * @return false when it was already DELIVERED or DOWNLOADED
     */
    public boolean markDelivered(String messageId) {
        return transition(messageId, RECEIVED, DELIVERED, "delivered to the backend");
    }

    private boolean move(String messageId, Direction direction, Optional<MessageStatus> expected, MessageStatus to,
            String note, Effects effects) {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Optional<Current> moved = inTransaction("move " + direction + " message " + messageId + " to " + to,
                    connection -> {
                        Current current = current(connection, messageId, direction)
                                .orElseThrow(() -> new UnknownMessageException(messageId, direction));
                        if (current.ping()) {
                            throw new StoreException("message " + messageId + " is a ping: receipted, it never moves");
                        }
                        if (expected.isPresent() && current.status() != expected.get()) {
                            return Optional.<Current>empty();
                        }
                        if (!current.status().canMoveTo(to)) {
                            throw new IllegalTransitionException(messageId, direction, current.status(), to);
                        }
                        Instant now = Instant.now();
                        if (!update(connection, current, to, effects, now)) {
                            return Optional.<Current>empty();
                        }
                        MessageRows.insertHistory(connection, current.ref(), Optional.of(current.status()), to, note, now);
                        if (effects.receipt() != null) {
                            MessageRows.insertReceipt(connection, current.ref(), effects.receipt());
                        }
                        return Optional.of(current);
                    });
            if (moved.isPresent()) {
                changes.changed(messageId, moved.get().conversationId(), direction, Optional.of(moved.get().status()), to, note);
                return true;
            }
            if (expected.isPresent()) {
                return false;
            }
            // Another thread moved the message between our read and our update: judge again.
        }
        throw new StoreException(direction + " message " + messageId + " kept changing while moving it to " + to);
    }

    /** The row as read at the start of a move. */
    private record Current(long ref, MessageStatus status, String conversationId, boolean ping, int attempts,
            Optional<String> errorCode, Optional<String> errorDetail) {
    }

    /**
     * What a move writes besides the status: the next attempt (null: none), the error (null
     * code: none, unless {@code keepError}), and a receipt to keep (null: none).
     */
    private record Effects(Instant nextAttempt, String errorCode, String errorDetail, boolean keepError, byte[] receipt) {
        static final Effects KEEP = new Effects(null, null, null, true, null);
    }

    private static Optional<Current> current(Connection connection, String messageId, Direction direction)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, status, conversation_id, ping, attempts, error_code, error_detail FROM message"
                        + " WHERE message_id = ? AND direction = ?")) {
            select.setString(1, messageId);
            select.setString(2, direction.name());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Current(row.getLong("id"), MessageStatus.valueOf(row.getString("status")),
                        row.getString("conversation_id"), row.getBoolean("ping"), row.getInt("attempts"),
                        Jdbc.optionalText(row, "error_code"), Jdbc.optionalText(row, "error_detail")));
            }
        }
    }

    /** The optimistic check: the row changes only if it is still in the status we read. */
    private static boolean update(Connection connection, Current current, MessageStatus to, Effects effects,
            Instant now) throws SQLException {
        // Every outcome that leaves SEND_ENQUEUED is the outcome of one POST.
        int attempts = current.attempts() + (current.status() == SEND_ENQUEUED ? 1 : 0);
        Optional<String> errorCode = effects.keepError() ? current.errorCode()
                : Optional.ofNullable(effects.errorCode()).map(code -> Jdbc.clip(code, MAX_ERROR_CODE));
        Optional<String> errorDetail = effects.keepError() ? current.errorDetail()
                : Optional.ofNullable(effects.errorDetail()).map(detail -> Jdbc.clip(detail, MessageRows.MAX_DETAIL));
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE message SET status = ?, updated_at = ?, attempts = ?, next_attempt_at = ?,"
                        + " error_code = ?, error_detail = ? WHERE id = ? AND status = ?")) {
            update.setString(1, to.name());
            Jdbc.setInstant(update, 2, now);
            update.setInt(3, attempts);
            Jdbc.setInstant(update, 4, Optional.ofNullable(effects.nextAttempt()));
            Jdbc.setText(update, 5, errorCode);
            Jdbc.setText(update, 6, errorDetail);
            update.setLong(7, current.ref());
            update.setString(8, current.status().name());
            return update.executeUpdate() == 1;
        }
    }

    // ---------------------------------------------------------------- reading

    public Optional<MessageRecord> find(String messageId, Direction direction) {
        return inTransaction("read " + direction + " message " + messageId,
                connection -> MessageRows.find(connection, messageId, direction));
    }

    /** Every status change of a message, oldest first; empty for an unknown message. */
    public List<StatusChange> history(String messageId, Direction direction) {
        return inTransaction("read the history of " + direction + " message " + messageId, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT h.from_status, h.to_status, h.changed_at, h.note FROM status_history h"
                            + " JOIN message m ON m.id = h.message_ref"
                            + " WHERE m.message_id = ? AND m.direction = ? ORDER BY h.id")) {
                select.setString(1, messageId);
                select.setString(2, direction.name());
                List<StatusChange> changes = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        changes.add(new StatusChange(Jdbc.optionalText(row, "from_status").map(MessageStatus::valueOf),
                                MessageStatus.valueOf(row.getString("to_status")), Jdbc.instant(row, "changed_at"),
                                row.getString("note")));
                    }
                }
                return changes;
            }
        });
    }

    /** The ebMS MessageProperties of a message, in their original order. */
    public List<MessageProperty> properties(String messageId, Direction direction) {
        return inTransaction("read the properties of " + direction + " message " + messageId,
                connection -> MessageRows.properties(connection, messageId, direction));
    }

    /** The signed receipt sent (inbound) or received (outbound) for a message. */
    public Optional<byte[]> receipt(String messageId, Direction direction) {
        return inTransaction("read the receipt of " + direction + " message " + messageId, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT r.signed_xml FROM receipt r JOIN message m ON m.id = r.message_ref"
                            + " WHERE m.message_id = ? AND m.direction = ?")) {
                select.setString(1, messageId);
                select.setString(2, direction.name());
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(row.getBytes(1)) : Optional.<byte[]>empty();
                }
            }
        });
    }

    /**
     * Received messages not yet delivered to a backend, oldest first (pings excluded). At
     * start-up these are enqueued for delivery again: a crash may have come between the commit
     * that stored them and the queue send.
     */
    public List<MessageRecord> inboundPendingDelivery() {
        return select("list messages waiting for delivery", "SELECT " + MessageRows.COLUMNS + " FROM message"
                + " WHERE status = ? AND direction = ? AND ping = ? ORDER BY created_at, id",
                RECEIVED.name(), INBOUND.name(), false);
    }

    /** How many messages are in each status, zeros included; see {@link MessageQueries#countByStatus}. */
    public Map<MessageStatus, Long> countByStatus() {
        return queries().countByStatus();
    }

    /** The counting queries operators and metrics ask of the message table. */
    public MessageQueries queries() {
        return queries;
    }

    private List<MessageRecord> select(String what, String sql, Object... parameters) {
        return inTransaction(what, connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    select.setObject(i + 1, parameters[i]);
                }
                return MessageRows.records(select);
            }
        });
    }

    private <T> T inTransaction(String what, Database.Work<T> work) {
        try {
            return database.inTransaction(work);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private static StoreException failure(String what, SQLException e) {
        return new StoreException("cannot " + what + ": " + Jdbc.describe(e), e);
    }
}
