package org.imigateway.cooperation;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.imigateway.procedure.RequestWorkflow.CaseState;
import org.imigateway.directory.SearchFolding;

/**
 * The hub's own tables (V2 and V6 migrations): request cases, alert recipients, repository entries and
 * the decisions taken per message. Every method works inside the caller's transaction, so a
 * decision and the state it changes commit together.
 */
final class CooperationStore {

    /** An alert or notification recipient and whether the alert is still running for it. */
    record AlertRecipient(String authority, String status) {
    }

    /** A repository entry as published: its owner and fields in order. */
    record Entry(String repository, String entryId, String owner, List<Map.Entry<String, String>> fields) {
    }

    /**
     * Takes the case's row lock before it is read, so that two steps of one case decided at the
     * same time (the delivery route has two consumers) run one after the other, not on one state.
     */
    void lockCase(Connection c, String procedure, String caseId) throws SQLException {
        try (PreparedStatement touch = c.prepareStatement("UPDATE coop_case SET overdue_raised = overdue_raised"
                + " WHERE procedure_code = ? AND case_id = ?")) {
            touch.setString(1, procedure);
            touch.setString(2, caseId);
            touch.executeUpdate();
        }
    }

    Optional<CaseState> findCase(Connection c, String procedure, String caseId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT state, requester, responder, answer_by FROM coop_case"
                + " WHERE procedure_code = ? AND case_id = ?")) {
            select.setString(1, procedure);
            select.setString(2, caseId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new CaseState(procedure, caseId, row.getString(1), row.getString(2), row.getString(3),
                        row.getDate(4).toLocalDate()));
            }
        }
    }

    void saveCase(Connection c, CaseState state, boolean created) throws SQLException {
        String sql = created
                ? "INSERT INTO coop_case (state, requester, responder, answer_by, overdue_raised, updated_at, procedure_code,"
                        + " case_id) VALUES (?, ?, ?, ?, FALSE, ?, ?, ?)"
                : "UPDATE coop_case SET state = ?, requester = ?, responder = ?, answer_by = ?, overdue_raised = FALSE,"
                        + " updated_at = ? WHERE procedure_code = ? AND case_id = ?";
        try (PreparedStatement write = c.prepareStatement(sql)) {
            write.setString(1, state.state());
            write.setString(2, state.requester());
            write.setString(3, state.responder());
            write.setDate(4, Date.valueOf(state.answerBy()));
            write.setTimestamp(5, Timestamp.from(Instant.now()));
            write.setString(6, state.procedure());
            write.setString(7, state.caseId());
            write.executeUpdate();
        }
    }

    /** Cases whose answer-by date is before {@code today} and that have not raised their overdue event yet. */
    List<CaseState> overdueCandidates(Connection c, LocalDate today) throws SQLException {
        List<CaseState> found = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT procedure_code, case_id, state, requester, responder,"
                + " answer_by FROM coop_case WHERE answer_by < ? AND overdue_raised = FALSE ORDER BY procedure_code, case_id")) {
            select.setDate(1, Date.valueOf(today));
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    found.add(new CaseState(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                            row.getString(5), row.getDate(6).toLocalDate()));
                }
            }
        }
        return found;
    }

    void markOverdueRaised(Connection c, CaseState state) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE coop_case SET overdue_raised = TRUE WHERE procedure_code = ? AND case_id = ?")) {
            update.setString(1, state.procedure());
            update.setString(2, state.caseId());
            update.executeUpdate();
        }
    }

    List<AlertRecipient> alertRecipients(Connection c, String procedure, String caseId, String sender) throws SQLException {
        List<AlertRecipient> found = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT authority_id, status FROM alert_recipient"
                + " WHERE procedure_code = ? AND case_id = ? AND sender = ? ORDER BY authority_id")) {
            select.setString(1, procedure);
            select.setString(2, caseId);
            select.setString(3, sender);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    found.add(new AlertRecipient(row.getString(1), row.getString(2)));
                }
            }
        }
        return found;
    }

    boolean alertExists(Connection c, String procedure, String caseId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT 1 FROM alert_recipient WHERE procedure_code = ? AND case_id = ?")) {
            select.setString(1, procedure);
            select.setString(2, caseId);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    void addAlertRecipient(Connection c, String procedure, String caseId, String sender, String authority) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO alert_recipient (procedure_code, case_id, sender,"
                + " authority_id, status) VALUES (?, ?, ?, ?, 'sent')")) {
            insert.setString(1, procedure);
            insert.setString(2, caseId);
            insert.setString(3, sender);
            insert.setString(4, authority);
            insert.executeUpdate();
        }
    }

    void endAlert(Connection c, String procedure, String caseId, String status) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE alert_recipient SET status = ? WHERE procedure_code = ? AND case_id = ?")) {
            update.setString(1, status);
            update.setString(2, procedure);
            update.setString(3, caseId);
            update.executeUpdate();
        }
    }

    Optional<Entry> entry(Connection c, String repository, String entryId, boolean withdrawnToo) throws SQLException {
        String owner;
        try (PreparedStatement select = c.prepareStatement("SELECT owner, withdrawn FROM repository_entry"
                + " WHERE repository = ? AND entry_id = ?")) {
            select.setString(1, repository);
            select.setString(2, entryId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next() || (row.getBoolean(2) && !withdrawnToo)) {
                    return Optional.empty();
                }
                owner = row.getString(1);
            }
        }
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT field_name, field_value FROM repository_field"
                + " WHERE repository = ? AND entry_id = ? ORDER BY seq")) {
            select.setString(1, repository);
            select.setString(2, entryId);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    fields.add(Map.entry(row.getString(1), row.getString(2)));
                }
            }
        }
        return Optional.of(new Entry(repository, entryId, owner, fields));
    }

    /** Publishes or replaces an entry (an update replaces all its fields). */
    void putEntry(Connection c, Entry entry, boolean created) throws SQLException {
        if (created) {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO repository_entry (repository, entry_id, owner,"
                    + " withdrawn, updated_at) VALUES (?, ?, ?, FALSE, ?)")) {
                insert.setString(1, entry.repository());
                insert.setString(2, entry.entryId());
                insert.setString(3, entry.owner());
                insert.setTimestamp(4, Timestamp.from(Instant.now()));
                insert.executeUpdate();
            }
        } else {
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM repository_field WHERE repository = ? AND entry_id = ?")) {
                delete.setString(1, entry.repository());
                delete.setString(2, entry.entryId());
                delete.executeUpdate();
            }
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO repository_field (repository, entry_id, seq,"
                + " field_name, field_value, folded) VALUES (?, ?, ?, ?, ?, ?)")) {
            int seq = 0;
            for (Map.Entry<String, String> field : entry.fields()) {
                insert.setString(1, entry.repository());
                insert.setString(2, entry.entryId());
                insert.setInt(3, seq++);
                insert.setString(4, field.getKey());
                insert.setString(5, field.getValue());
                insert.setString(6, SearchFolding.fold(field.getValue()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    void withdrawEntry(Connection c, String repository, String entryId) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE repository_entry SET withdrawn = TRUE, updated_at = ? WHERE repository = ? AND entry_id = ?")) {
            update.setTimestamp(1, Timestamp.from(Instant.now()));
            update.setString(2, repository);
            update.setString(3, entryId);
            update.executeUpdate();
        }
    }

    /** Entries not withdrawn whose every given field contains the folded query value. */
    List<Entry> query(Connection c, String repository, Map<String, String> criteria) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT e.entry_id FROM repository_entry e WHERE e.repository = ?"
                + " AND e.withdrawn = FALSE");
        List<String> values = new ArrayList<>(List.of(repository));
        for (Map.Entry<String, String> criterion : criteria.entrySet()) {
            sql.append(" AND EXISTS (SELECT 1 FROM repository_field f WHERE f.repository = e.repository"
                    + " AND f.entry_id = e.entry_id AND f.field_name = ? AND f.folded LIKE ? ESCAPE '!')");
            values.add(criterion.getKey());
            values.add("%" + SearchFolding.fold(criterion.getValue()).replace("!", "!!").replace("%", "!%")
                    .replace("_", "!_") + "%");
        }
        sql.append(" ORDER BY e.entry_id");
        List<String> ids = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < values.size(); i++) {
                select.setString(i + 1, values.get(i));
            }
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    ids.add(row.getString(1));
                }
            }
        }
        List<Entry> entries = new ArrayList<>();
        for (String id : ids) {
            entry(c, repository, id, false).ifPresent(entries::add);
        }
        return entries;
    }

    /** What the hub decided on a message it already handled: its outcome and the lines of its outgoing messages. */
    record Decided(String outcome, List<String> outgoing) {
    }

    Optional<Decided> decided(Connection c, String messageId) throws SQLException {
        String outcome;
        String legacy;
        try (PreparedStatement select = c.prepareStatement(
                "SELECT outcome, outgoing FROM coop_message WHERE message_id = ?")) {
            select.setString(1, messageId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                outcome = row.getString(1);
                legacy = row.getString(2);
            }
        }
        List<String> lines = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(
                "SELECT line FROM coop_outgoing WHERE message_id = ? ORDER BY line_no")) {
            select.setString(1, messageId);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    lines.add(row.getString(1));
                }
            }
        }
        if (lines.isEmpty() && !legacy.isEmpty()) {
            lines.addAll(List.of(legacy.split("\n"))); // decided before V6 kept its lines in coop_message
        }
        return Optional.of(new Decided(outcome, List.copyOf(lines)));
    }

    /** Records the decision on a message and the lines of the messages it sends, one row each. */
    void recordDecision(Connection c, String messageId, String outcome, List<String> outgoing) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO coop_message (message_id, outcome, outgoing,"
                + " decided_at) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, messageId);
            insert.setString(2, outcome);
            insert.setString(3, "");
            insert.setTimestamp(4, Timestamp.from(Instant.now()));
            insert.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO coop_outgoing (message_id, line_no, line) VALUES (?, ?, ?)")) {
            for (int i = 0; i < outgoing.size(); i++) {
                insert.setString(1, messageId);
                insert.setInt(2, i + 1);
                insert.setString(3, outgoing.get(i));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    static Map<String, String> ordered(List<Map.Entry<String, String>> fields) {
        Map<String, String> map = new LinkedHashMap<>();
        fields.forEach(f -> map.put(f.getKey(), f.getValue()));
        return map;
    }
}
