package org.imigateway.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.imigateway.connectors.MessageProperty;

/** The rows of the message log tables as SQL reads and writes them, for {@link MessageLog} and {@link PayloadStore}. */
final class MessageRows {

    static final int MAX_DETAIL = 2000;
    private static final int MAX_PATH = 1024;

    static final String COLUMNS = "id, message_id, direction, ping, conversation_id, ref_to_message_id,"
            + " ebms_timestamp, from_party, to_party, service, service_type, ebms_action, status, created_at,"
            + " updated_at, attempts, next_attempt_at, error_code, error_detail, body_file, body_content_type";

    private MessageRows() {
    }

    /** Inserts a message in the first status of its direction and returns its row id. */
    static long insertMessage(Connection connection, MessageHeader header, Direction direction, boolean ping,
            Optional<MimeBody> body, Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO message (message_id, direction, ping,"
                + " conversation_id, ref_to_message_id, ebms_timestamp, from_party, to_party, service, service_type,"
                + " ebms_action, status, created_at, updated_at, attempts, body_file, body_content_type)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            int max = MessageLog.MAX_TEXT;
            insert.setString(1, Jdbc.fit("MessageId", header.messageId(), max));
            insert.setString(2, direction.name());
            insert.setBoolean(3, ping);
            insert.setString(4, Jdbc.fit("ConversationId", header.conversationId(), max));
            Jdbc.setText(insert, 5, Jdbc.fit("RefToMessageId", header.refToMessageId(), max));
            Jdbc.setInstant(insert, 6, header.timestamp());
            insert.setString(7, Jdbc.fit("From PartyId", header.fromParty(), max));
            insert.setString(8, Jdbc.fit("To PartyId", header.toParty(), max));
            insert.setString(9, Jdbc.fit("Service", header.service(), max));
            Jdbc.setText(insert, 10, Jdbc.fit("Service type", header.serviceType(), max));
            insert.setString(11, Jdbc.fit("Action", header.action(), max));
            insert.setString(12, MessageStatus.initial(direction).name());
            Jdbc.setInstant(insert, 13, now);
            Jdbc.setInstant(insert, 14, now);
            Jdbc.setText(insert, 15, body.map(b -> Jdbc.fit("body file", b.file().toAbsolutePath().toString(), MAX_PATH)));
            Jdbc.setText(insert, 16, body.map(b -> Jdbc.fit("body Content-Type", b.contentType(), MAX_PATH)));
            insert.executeUpdate();
            // PostgreSQL returns every column here, Derby only the identity: id is first in both.
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    static void insertProperties(Connection connection, long ref, List<MessageProperty> properties)
            throws SQLException {
        if (properties.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO message_property"
                + " (message_ref, seq, prop_name, prop_value, prop_type) VALUES (?, ?, ?, ?, ?)")) {
            for (int i = 0; i < properties.size(); i++) {
                insert.setLong(1, ref);
                insert.setInt(2, i + 1);
                bindProperty(insert, 3, properties.get(i));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Binds name, value and type of a property at {@code index} and the two after it. */
    static void bindProperty(PreparedStatement statement, int index, MessageProperty property) throws SQLException {
        statement.setString(index, Jdbc.fit("property name", property.name(), MessageLog.MAX_TEXT));
        statement.setString(index + 1, Jdbc.fit("value of property " + property.name(), property.value(),
                MessageLog.MAX_PROPERTY_VALUE));
        Jdbc.setText(statement, index + 2, Jdbc.fit("type of property " + property.name(), property.type(),
                MessageLog.MAX_TEXT));
    }

    /** The ebMS MessageProperties of a message in their original order, inside the caller's transaction. */
    static List<MessageProperty> properties(Connection connection, String messageId, Direction direction)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT p.prop_name, p.prop_value, p.prop_type FROM message_property p"
                        + " JOIN message m ON m.id = p.message_ref"
                        + " WHERE m.message_id = ? AND m.direction = ? ORDER BY p.seq")) {
            select.setString(1, messageId);
            select.setString(2, direction.name());
            return MessageRows.readProperties(select);
        }
    }

    /** Reads rows of prop_name, prop_value, prop_type. */
    static List<MessageProperty> readProperties(PreparedStatement select) throws SQLException {
        List<MessageProperty> properties = new ArrayList<>();
        try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
                properties.add(new MessageProperty(row.getString("prop_name"), row.getString("prop_value"),
                        Jdbc.optionalText(row, "prop_type")));
            }
        }
        return properties;
    }

    static void insertReceipt(Connection connection, long ref, byte[] receipt) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO receipt (message_ref, signed_xml) VALUES (?, ?)")) {
            insert.setLong(1, ref);
            insert.setBytes(2, receipt);
            insert.executeUpdate();
        }
    }

    static void insertHistory(Connection connection, long ref, Optional<MessageStatus> from, MessageStatus to,
            String note, Instant at) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO status_history"
                + " (message_ref, from_status, to_status, changed_at, note) VALUES (?, ?, ?, ?, ?)")) {
            insert.setLong(1, ref);
            if (from.isPresent()) {
                insert.setString(2, from.get().name());
            } else {
                insert.setNull(2, Types.VARCHAR);
            }
            insert.setString(3, to.name());
            Jdbc.setInstant(insert, 4, at);
            insert.setString(5, Jdbc.clip(note, MAX_DETAIL));
            insert.executeUpdate();
        }
    }

    /** The row of a message in the caller's transaction. */
    static Optional<MessageRecord> find(Connection connection, String messageId, Direction direction) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM message WHERE message_id = ? AND direction = ?")) {
            select.setString(1, messageId);
            select.setString(2, direction.name());
            return records(select).stream().findFirst();
        }
    }

    /** Runs a query of {@link #COLUMNS}. */
    static List<MessageRecord> records(PreparedStatement select) throws SQLException {
        List<MessageRecord> records = new ArrayList<>();
        try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
                records.add(record(row));
            }
        }
        return records;
    }

    private static MessageRecord record(ResultSet row) throws SQLException {
        MessageHeader header = new MessageHeader(row.getString("message_id"), row.getString("conversation_id"),
                Jdbc.optionalText(row, "ref_to_message_id"), Jdbc.instant(row, "ebms_timestamp"),
                row.getString("from_party"), row.getString("to_party"), row.getString("service"),
                Jdbc.optionalText(row, "service_type"), row.getString("ebms_action"));
        Optional<String> bodyFile = Jdbc.optionalText(row, "body_file");
        Optional<MimeBody> body = bodyFile.isEmpty() ? Optional.empty()
                : Optional.of(new MimeBody(Path.of(bodyFile.get()), row.getString("body_content_type")));
        return new MessageRecord(header, Direction.valueOf(row.getString("direction")), row.getBoolean("ping"),
                MessageStatus.valueOf(row.getString("status")), Jdbc.instant(row, "created_at"),
                Jdbc.instant(row, "updated_at"), row.getInt("attempts"), Jdbc.optionalInstant(row, "next_attempt_at"),
                Jdbc.optionalText(row, "error_code"), Jdbc.optionalText(row, "error_detail"), body);
    }
}
