package org.imigateway.store;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.imigateway.port.CaseKey;
import org.imigateway.port.AuditAction;

/**
 * The append-only audit trail of personal data (IMI Regulation art. 18: an incident must be
 * traceable to which data was processed, when, by whom and why). Each entry's hash is SHA-256
 * over the previous entry's hash and its own fields, each length-prefixed so that no two
 * different entries encode alike; the single head row is locked by every append, so appends
 * from concurrent transactions still form one chain. Nothing here updates or deletes an entry.
 */
public final class AuditTrail {

    /** The previous hash of the first entry. */
    static final String GENESIS = "0".repeat(64);

    private final Database database;

    public AuditTrail(Database database) {
        this.database = database;
    }

    /** Appends an entry in the caller's transaction, so it commits or rolls back with what it records. */
    public AuditEntry append(Connection c, Instant at, String actor, AuditAction action, String messageId, CaseKey caseKey,
            String purpose) throws SQLException {
        // The update takes the head's row lock first: a concurrent append waits here until this commits.
        try (PreparedStatement lock = c.prepareStatement("UPDATE audit_head SET last_seq = last_seq + 1 WHERE id = 1")) {
            if (lock.executeUpdate() != 1) {
                throw new SQLException("the audit_head row is missing: the audit trail cannot be appended to");
            }
        }
        long seq;
        String prevHash;
        try (PreparedStatement select = c.prepareStatement("SELECT last_seq, last_hash FROM audit_head WHERE id = 1");
                ResultSet row = select.executeQuery()) {
            row.next();
            seq = row.getLong(1);
            prevHash = row.getString(2);
        }
        Instant stored = Jdbc.stored(at);
        String fitted = Jdbc.clip(purpose, 2000);
        String hash = hash(prevHash, seq, stored, actor, action.name(), messageId, caseKey, fitted);
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO audit_entry (seq, recorded_at, actor, action, message_id,"
                + " procedure_code, case_id, purpose, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, seq);
            Jdbc.setInstant(insert, 2, stored);
            insert.setString(3, actor);
            insert.setString(4, action.name());
            insert.setString(5, messageId);
            insert.setString(6, caseKey.procedure());
            insert.setString(7, caseKey.caseId());
            insert.setString(8, fitted);
            insert.setString(9, prevHash);
            insert.setString(10, hash);
            insert.executeUpdate();
        }
        try (PreparedStatement head = c.prepareStatement("UPDATE audit_head SET last_hash = ? WHERE id = 1")) {
            head.setString(1, hash);
            head.executeUpdate();
        }
        return new AuditEntry(seq, stored, actor, action, messageId, caseKey, fitted, prevHash, hash);
    }

    /** Appends an entry in a transaction of its own. */
    public AuditEntry append(Instant at, String actor, AuditAction action, String messageId, CaseKey caseKey, String purpose)
            throws SQLException {
        return database.inTransaction(c -> append(c, at, actor, action, messageId, caseKey, purpose));
    }

    /** The entries about one message, oldest first. */
    public List<AuditEntry> about(String messageId) throws SQLException {
        return database.inTransaction(c -> entries(c, Optional.of(messageId)).stream().map(Row::entry).toList());
    }

    /** What verification found: the whole chain intact, or the first entry that is wrong and how. */
    public sealed interface Verification permits Intact, Broken {
    }

    /** @param headHash the hash of the last entry: export it elsewhere to detect a rewritten trail */
    public record Intact(long entries, String headHash) implements Verification {
    }

    public record Broken(long seq, String problem) implements Verification {
    }

    /** Recomputes the chain from the first entry and checks it ends where the head row says. */
    public Verification verify() throws SQLException {
        return database.inTransaction(c -> {
            long expected = 1;
            String prev = GENESIS;
            for (Row row : entries(c, Optional.empty())) {
                AuditEntry entry = row.entry();
                if (entry.seq() != expected) {
                    return new Broken(expected, expected < entry.seq()
                            ? "entry " + expected + (entry.seq() - expected > 1 ? " to " + (entry.seq() - 1) : "")
                                    + " missing: the trail goes on at entry " + entry.seq() + " (removed)"
                            : "entry " + entry.seq() + " out of order");
                }
                if (!entry.prevHash().equals(prev)) {
                    return new Broken(entry.seq(), "entry " + entry.seq() + " does not follow entry " + (entry.seq() - 1)
                            + ": its prev_hash is not that entry's hash (an entry was removed, inserted or replaced)");
                }
                String recomputed = hash(entry.prevHash(), entry.seq(), entry.at(), entry.actor(), row.action(),
                        entry.messageId(), entry.caseKey(), entry.purpose());
                if (!recomputed.equals(entry.hash())) {
                    return new Broken(entry.seq(), "entry " + entry.seq() + " was altered: its fields do not hash to its"
                            + " stored hash");
                }
                prev = entry.hash();
                expected++;
            }
            long last = expected - 1;
            try (PreparedStatement select = c.prepareStatement("SELECT last_seq, last_hash FROM audit_head WHERE id = 1");
                    ResultSet head = select.executeQuery()) {
                if (!head.next()) {
                    return new Broken(last, "the audit_head row is missing");
                }
                if (head.getLong(1) != last) {
                    return new Broken(last + 1, head.getLong(1) > last
                            ? "entries " + (last + 1) + " to " + head.getLong(1) + " missing: the head says the trail ends"
                                    + " at entry " + head.getLong(1) + " (the tail was removed)"
                            : "the head says the trail ends at entry " + head.getLong(1) + " but it goes on to " + last);
                }
                if (!head.getString(2).equals(prev)) {
                    return new Broken(last, "entry " + last + " is not the one the head row names (the tail was replaced)");
                }
            }
            return new Intact(last, prev);
        });
    }

    /** An entry as stored, with its action as written: an action altered to no known name must still fail to hash. */
    private record Row(AuditEntry entry, String action) {
    }

    private static List<Row> entries(Connection c, Optional<String> messageId) throws SQLException {
        List<Row> entries = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT seq, recorded_at, actor, action, message_id, procedure_code,"
                + " case_id, purpose, prev_hash, hash FROM audit_entry"
                + (messageId.isPresent() ? " WHERE message_id = ?" : "") + " ORDER BY seq")) {
            if (messageId.isPresent()) {
                select.setString(1, messageId.get());
            }
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    entries.add(new Row(new AuditEntry(row.getLong("seq"), Jdbc.instant(row, "recorded_at"), row.getString("actor"),
                            action(row.getString("action")), row.getString("message_id"),
                            new CaseKey(row.getString("procedure_code"), row.getString("case_id")),
                            row.getString("purpose"), row.getString("prev_hash"), row.getString("hash")),
                            row.getString("action")));
                }
            }
        }
        return entries;
    }

    /** An action nobody knows is read as REFUSED for display; verification hashes the stored name. */
    private static AuditAction action(String name) {
        try {
            return AuditAction.valueOf(name);
        } catch (IllegalArgumentException e) {
            return AuditAction.REFUSED;
        }
    }

    /** SHA-256 over the previous hash and each field as a 4-byte length followed by its UTF-8 bytes. */
    static String hash(String prevHash, long seq, Instant at, String actor, String action, String messageId,
            CaseKey caseKey, String purpose) {
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        for (String field : List.of(prevHash, Long.toString(seq), at.toString(), actor, action, messageId,
                caseKey.procedure(), caseKey.caseId(), purpose)) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            encoded.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
            encoded.writeBytes(bytes);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(encoded.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
