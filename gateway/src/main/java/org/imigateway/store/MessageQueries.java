package org.imigateway.store;

import static org.imigateway.store.Direction.INBOUND;
import static org.imigateway.store.Direction.OUTBOUND;
import static org.imigateway.store.MessageStatus.SEND_ENQUEUED;
import static org.imigateway.store.MessageStatus.SEND_FAILURE;
import static org.imigateway.store.MessageStatus.WAITING_FOR_RETRY;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read-only questions operators, metrics and health ask of the message table: counts by
 * status and by party, the age of the oldest message in a status, the failures to a party.
 * {@link MessageLog} keeps the statements that move a message through its life.
 */
public final class MessageQueries {

    private final Database database;

    MessageQueries(Database database) {
        this.database = database;
    }

    /**
     * How many messages are in each status, zeros included; pings are not counted. A status
     * belongs to one direction ({@link MessageStatus#direction()}), so this is the whole
     * direction × status table.
     */
    public Map<MessageStatus, Long> countByStatus() {
        return inTransaction("count messages by status", connection -> {
            Map<MessageStatus, Long> counts = new EnumMap<>(MessageStatus.class);
            for (MessageStatus status : MessageStatus.values()) {
                counts.put(status, 0L);
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT status, COUNT(*) FROM message WHERE ping = ? GROUP BY status")) {
                select.setBoolean(1, false);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        counts.put(MessageStatus.valueOf(row.getString(1)), row.getLong(2));
                    }
                }
            }
            return counts;
        });
    }

    /**
     * Message counts by direction, status and party (the sender of inbound messages, the
     * receiver of outbound ones); pings are not counted, empty groups are left out.
     */
    public List<MessageCount> countByParty() {
        return inTransaction("count messages by party", connection -> {
            List<MessageCount> counts = new ArrayList<>();
            // The party that matters: who we send to, or who sent to us.
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT direction, status, to_party, COUNT(*) FROM message WHERE ping = ? AND direction = ?"
                            + " GROUP BY direction, status, to_party"
                            + " UNION ALL SELECT direction, status, from_party, COUNT(*) FROM message"
                            + " WHERE ping = ? AND direction = ? GROUP BY direction, status, from_party")) {
                select.setBoolean(1, false);
                select.setString(2, OUTBOUND.name());
                select.setBoolean(3, false);
                select.setString(4, INBOUND.name());
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        counts.add(new MessageCount(Direction.valueOf(row.getString(1)),
                                MessageStatus.valueOf(row.getString(2)), row.getString(3), row.getLong(4)));
                    }
                }
            }
            return counts;
        });
    }

    /** When the oldest non-ping message now in {@code status} was created; empty when there is none. */
    public Optional<Instant> oldestCreated(MessageStatus status) {
        return inTransaction("find the oldest message in " + status, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT MIN(created_at) AS oldest FROM message WHERE status = ? AND ping = ?")) {
                select.setString(1, status.name());
                select.setBoolean(2, false);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Jdbc.optionalInstant(row, "oldest") : Optional.<Instant>empty();
                }
            }
        });
    }

    /**
     * Outbound messages still being sent (SEND_ENQUEUED or WAITING_FOR_RETRY), oldest first:
     * recovery enqueues these again, the waiting ones for their next attempt.
     */
    public List<MessageRecord> outboundPending() {
        return inTransaction("list messages being sent", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + MessageRows.COLUMNS + " FROM message"
                    + " WHERE status IN (?, ?) AND direction = ? ORDER BY created_at, id")) {
                select.setString(1, SEND_ENQUEUED.name());
                select.setString(2, WAITING_FOR_RETRY.name());
                select.setString(3, OUTBOUND.name());
                return MessageRows.records(select);
            }
        });
    }

    /** Outbound messages to the party (its PartyId value) in SEND_FAILURE, created at or after {@code since}, oldest first. */
    public List<MessageRecord> failedSince(String toParty, Instant since) {
        return inTransaction("list failed messages", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + MessageRows.COLUMNS + " FROM message"
                    + " WHERE status = ? AND direction = ? AND to_party = ? AND created_at >= ? ORDER BY created_at, id")) {
                select.setString(1, SEND_FAILURE.name());
                select.setString(2, OUTBOUND.name());
                select.setString(3, toParty);
                Jdbc.setInstant(select, 4, since);
                return MessageRows.records(select);
            }
        });
    }

    /**
     * The messages matching every criterion of {@code search}, newest first (pings included: an
     * operator looking for a message wants it whatever it was). One statement with bound
     * parameters; the properties originalSender and finalRecipient are matched by joining
     * message_property (a message carries each at most once). The indexes of change set 8 serve each criterion.
     */
    public List<MessageRecord> search(MessageSearch search) {
        StringBuilder sql = new StringBuilder("SELECT " + MessageRows.COLUMNS + " FROM message m");
        List<Object> values = new ArrayList<>();
        // Joined, not a subquery: both databases then start from message_property_by_value.
        criterion(sql, values, " JOIN message_property os ON os.message_ref = m.id AND os.prop_name = ?"
                + " AND os.prop_value = ?", search.originalSender().map(v -> new String[] {"originalSender", v}));
        criterion(sql, values, " JOIN message_property fr ON fr.message_ref = m.id AND fr.prop_name = ?"
                + " AND fr.prop_value = ?", search.finalRecipient().map(v -> new String[] {"finalRecipient", v}));
        sql.append(" WHERE 1 = 1");
        criterion(sql, values, " AND m.message_id = ?", search.messageId());
        criterion(sql, values, " AND m.conversation_id = ?", search.conversationId());
        criterion(sql, values, " AND m.ref_to_message_id = ?", search.refToMessageId());
        if (search.party().isPresent()) {
            sql.append(" AND (m.from_party = ? OR m.to_party = ?)");
            values.add(search.party().get());
            values.add(search.party().get());
        }
        criterion(sql, values, " AND m.from_party = ?", search.fromParty());
        criterion(sql, values, " AND m.to_party = ?", search.toParty());
        criterion(sql, values, " AND m.service = ?", search.service());
        criterion(sql, values, " AND m.ebms_action = ?", search.action());
        criterion(sql, values, " AND m.status = ?", search.status().map(Enum::name));
        criterion(sql, values, " AND m.direction = ?", search.direction().map(Enum::name));
        criterion(sql, values, " AND m.created_at >= ?", search.since());
        criterion(sql, values, " AND m.created_at < ?", search.until());
        // The limit is an int checked by MessageSearch, not text: safe to write into the statement.
        sql.append(" ORDER BY m.created_at DESC, m.id DESC FETCH FIRST ").append(search.limit()).append(" ROWS ONLY");
        return inTransaction("search messages", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
                int index = 1;
                for (Object value : values) {
                    if (value instanceof Instant instant) {
                        Jdbc.setInstant(select, index++, instant);
                    } else if (value instanceof String[] pair) {
                        select.setString(index++, pair[0]);
                        select.setString(index++, pair[1]);
                    } else {
                        select.setString(index++, (String) value);
                    }
                }
                return MessageRows.records(select);
            }
        });
    }

    private static void criterion(StringBuilder sql, List<Object> values, String condition, Optional<?> value) {
        if (value.isPresent()) {
            sql.append(condition);
            values.add(value.get());
        }
    }

    private <T> T inTransaction(String what, Database.Work<T> work) {
        try {
            return database.inTransaction(work);
        } catch (SQLException e) {
            throw new StoreException("cannot " + what + ": " + Jdbc.describe(e), e);
        }
    }
}
