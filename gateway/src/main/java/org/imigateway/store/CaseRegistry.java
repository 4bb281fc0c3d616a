package org.imigateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.imigateway.port.CaseKey;
import org.imigateway.port.Cases;
import org.imigateway.port.CaseRecord;

/**
 * Which case each message belongs to, who takes part in it, when it closed and what retention
 * did to its payloads. The hub fills it as it decides; payload access and retention read it.
 * Every method runs in the caller's transaction.
 */
public final class CaseRegistry implements Cases {

    /**
     * Records that {@code messageIds} belong to the case and {@code participants} take part in it;
     * the case is made on first sight. Repeating it changes nothing.
     */
    @Override
    public void record(Connection c, CaseKey key, Instant now, Collection<String> participants,
            Collection<String> messageIds) throws SQLException {
        if (find(c, key).isEmpty()) {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO pd_case (procedure_code, case_id, opened_at,"
                    + " files_pending) VALUES (?, ?, ?, FALSE)")) {
                bind(insert, key);
                Jdbc.setInstant(insert, 3, now);
                insert.executeUpdate();
            }
        }
        Set<String> known = participants(c, key);
        for (String authority : new HashSet<>(participants)) {
            if (!known.contains(authority)) {
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO pd_participant (procedure_code, case_id, authority_id) VALUES (?, ?, ?)")) {
                    bind(insert, key);
                    insert.setString(3, authority);
                    insert.executeUpdate();
                }
            }
        }
        for (String messageId : new HashSet<>(messageIds)) {
            try (PreparedStatement select = c.prepareStatement("SELECT 1 FROM pd_message WHERE message_id = ?")) {
                select.setString(1, messageId);
                try (ResultSet row = select.executeQuery()) {
                    if (row.next()) {
                        continue;
                    }
                }
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO pd_message (message_id, procedure_code, case_id) VALUES (?, ?, ?)")) {
                insert.setString(1, messageId);
                insert.setString(2, key.procedure());
                insert.setString(3, key.caseId());
                insert.executeUpdate();
            }
        }
    }

    /** Closes the case at {@code at}, once: retention counts from the first closure. */
    @Override
    public void close(Connection c, CaseKey key, Instant at) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE pd_case SET closed_at = ?"
                + " WHERE procedure_code = ? AND case_id = ? AND closed_at IS NULL")) {
            Jdbc.setInstant(update, 1, at);
            update.setString(2, key.procedure());
            update.setString(3, key.caseId());
            update.executeUpdate();
        }
    }

    public Optional<CaseRecord> find(Connection c, CaseKey key) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT opened_at, closed_at, blocked_at, deleted_at,"
                + " files_pending FROM pd_case WHERE procedure_code = ? AND case_id = ?")) {
            bind(select, key);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new CaseRecord(key, participants(c, key), Jdbc.instant(row, "opened_at"),
                        Jdbc.optionalInstant(row, "closed_at"), Jdbc.optionalInstant(row, "blocked_at"),
                        Jdbc.optionalInstant(row, "deleted_at"), row.getBoolean("files_pending")));
            }
        }
    }

    /** The case a message belongs to, when the hub recorded one. */
    public Optional<CaseRecord> caseOf(Connection c, String messageId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT procedure_code, case_id FROM pd_message WHERE message_id = ?")) {
            select.setString(1, messageId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return find(c, new CaseKey(row.getString(1), row.getString(2)));
            }
        }
    }

    /** The MessageIds of a case. */
    @Override
    public List<String> messages(Connection c, CaseKey key) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(
                "SELECT message_id FROM pd_message WHERE procedure_code = ? AND case_id = ? ORDER BY message_id")) {
            bind(select, key);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    ids.add(row.getString(1));
                }
            }
        }
        return ids;
    }

    /**
     * Closed cases retention may have work on: not blocked and closed before {@code blockBefore},
     * not deleted and closed before {@code deleteBefore}, or deleted with files left. The bounds
     * are the shortest schedule of any procedure; the caller applies each case's own.
     */
    @Override
    public List<CaseRecord> retentionDue(Connection c, Instant blockBefore, Instant deleteBefore) throws SQLException {
        List<CaseKey> keys = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT procedure_code, case_id FROM pd_case"
                + " WHERE (blocked_at IS NULL AND closed_at <= ?) OR (deleted_at IS NULL AND closed_at <= ?)"
                + " OR files_pending = TRUE ORDER BY closed_at")) {
            Jdbc.setInstant(select, 1, blockBefore);
            Jdbc.setInstant(select, 2, deleteBefore);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    keys.add(new CaseKey(row.getString(1), row.getString(2)));
                }
            }
        }
        List<CaseRecord> cases = new ArrayList<>();
        for (CaseKey key : keys) {
            find(c, key).ifPresent(cases::add);
        }
        return cases;
    }

    /** Marks the payloads blocked, unless they already are; true when this call blocked them. */
    @Override
    public boolean markBlocked(Connection c, CaseKey key, Instant at) throws SQLException {
        return update(c, "UPDATE pd_case SET blocked_at = ? WHERE procedure_code = ? AND case_id = ? AND blocked_at IS NULL",
                key, at);
    }

    /** Marks the payloads deleted with their files still to remove; true when this call marked them. */
    @Override
    public boolean markDeleted(Connection c, CaseKey key, Instant at) throws SQLException {
        return update(c, "UPDATE pd_case SET deleted_at = ?, files_pending = TRUE, blocked_at = COALESCE(blocked_at, ?)"
                + " WHERE procedure_code = ? AND case_id = ? AND deleted_at IS NULL", key, at, at);
    }

    /** Records that every file of the case is gone. */
    @Override
    public void filesRemoved(Connection c, CaseKey key) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE pd_case SET files_pending = FALSE WHERE procedure_code = ? AND case_id = ?")) {
            bind(update, key);
            update.executeUpdate();
        }
    }

    private static boolean update(Connection c, String sql, CaseKey key, Instant... at) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(sql)) {
            for (int i = 0; i < at.length; i++) {
                Jdbc.setInstant(update, i + 1, at[i]);
            }
            update.setString(at.length + 1, key.procedure());
            update.setString(at.length + 2, key.caseId());
            return update.executeUpdate() == 1;
        }
    }

    private static Set<String> participants(Connection c, CaseKey key) throws SQLException {
        Set<String> found = new HashSet<>();
        try (PreparedStatement select = c.prepareStatement(
                "SELECT authority_id FROM pd_participant WHERE procedure_code = ? AND case_id = ?")) {
            bind(select, key);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    found.add(row.getString(1));
                }
            }
        }
        return found;
    }

    private static void bind(PreparedStatement statement, CaseKey key) throws SQLException {
        statement.setString(1, key.procedure());
        statement.setString(2, key.caseId());
    }
}
