package org.imigateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the backend connectors need remembered besides the message log: each backend's
 * submissions by its own submission id (the MessageId reserved for it, a refusal while it
 * stands, whether the outcome was told), and the backend each received message went to.
 */
public final class BackendLedger {

    private final Database database;

    public BackendLedger(Database database) {
        this.database = database;
    }

    /** A backend's submission as recorded. */
    public record SubmissionRow(String backend, String submissionId, String messageId, Instant created,
            Optional<String> errorCode, Optional<String> errorDetail, Optional<Instant> errorAt) {
    }

    /**
     * A finished outbound message whose backend has not been told yet; {@code decidedAt} is when the
     * message reached this status, the same however often the outcome is told, different after a resend.
     */
    public record Outcome(String backend, String submissionId, String messageId, MessageStatus status,
            Optional<String> errorCode, Optional<String> errorDetail, Instant decidedAt) {
    }

    /**
     * The MessageId of this submission: {@code proposed} for a new submission id, the one
     * reserved the first time for a repeated one. Two racing submissions get the same id.
     */
    public String reserve(String backend, String submissionId, String proposed) {
        try {
            return database.inTransaction(connection -> insertSubmission(connection, backend, submissionId, proposed));
        } catch (SQLException e) {
            if (Jdbc.isUniqueViolation(e)) {
                // Another thread reserved the same submission id first: take its MessageId.
                return submission(backend, submissionId).orElseThrow().messageId();
            }
            throw failure("reserve submission " + submissionId + " of backend " + backend, e);
        }
    }

    private static String insertSubmission(Connection connection, String backend, String submissionId, String proposed)
            throws SQLException {
        Optional<SubmissionRow> existing = submission(connection, backend, submissionId);
        if (existing.isPresent()) {
            return existing.get().messageId();
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO backend_submission"
                + " (backend, submission_id, message_id, created_at, outcome_notified) VALUES (?, ?, ?, ?, FALSE)")) {
            insert.setString(1, backend);
            insert.setString(2, submissionId);
            insert.setString(3, proposed);
            Jdbc.setInstant(insert, 4, Instant.now());
            insert.executeUpdate();
            return proposed;
        }
    }

    /** Records why a submission was refused; the backend got the answer at once, so nothing is left to tell. */
    public void refused(String backend, String submissionId, String errorCode, String errorDetail) {
        update("record the refusal of submission " + submissionId, "UPDATE backend_submission SET error_code = ?,"
                + " error_detail = ?, error_at = ?, outcome_notified = TRUE WHERE backend = ? AND submission_id = ?",
                Jdbc.clip(errorCode, 32), Jdbc.clip(errorDetail, MessageRows.MAX_DETAIL), Jdbc.stored(Instant.now()),
                backend, submissionId);
    }

    /** A submission accepted (perhaps after an earlier refusal): its outcome is still to be told. */
    public void accepted(String backend, String submissionId) {
        update("record the acceptance of submission " + submissionId, "UPDATE backend_submission SET error_code = NULL,"
                + " error_detail = NULL, error_at = NULL, outcome_notified = FALSE WHERE backend = ? AND submission_id = ?"
                + " AND error_code IS NOT NULL", backend, submissionId);
    }

    /** The backend's submission by its submission id or by the MessageId it travels under. */
    public Optional<SubmissionRow> submission(String backend, String submissionOrMessageId) {
        return run("read submission " + submissionOrMessageId, connection -> {
            Optional<SubmissionRow> bySubmission = submission(connection, backend, submissionOrMessageId);
            if (bySubmission.isPresent()) {
                return bySubmission;
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT * FROM backend_submission WHERE backend = ? AND message_id = ?")) {
                select.setString(1, backend);
                select.setString(2, submissionOrMessageId);
                return first(select);
            }
        });
    }

    /** Records that a received message goes to this backend; a repeat changes nothing. */
    public void assign(String messageId, String backend) {
        try {
            database.inTransaction(connection -> {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO backend_delivery (message_id, backend, assigned_at) VALUES (?, ?, ?)")) {
                    insert.setString(1, messageId);
                    insert.setString(2, backend);
                    Jdbc.setInstant(insert, 3, Instant.now());
                    return insert.executeUpdate();
                }
            });
        } catch (SQLException e) {
            if (!Jdbc.isUniqueViolation(e)) {
                throw failure("assign message " + messageId + " to backend " + backend, e);
            }
        }
    }

    /** The backend a received message was handed to. */
    public Optional<String> assignedBackend(String messageId) {
        return run("read the backend of message " + messageId, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT backend FROM backend_delivery WHERE message_id = ?")) {
                select.setString(1, messageId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(row.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /** Received messages handed to this backend and not yet marked downloaded, oldest first. */
    public List<String> pending(String backend) {
        return run("list the pending messages of backend " + backend, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT d.message_id FROM backend_delivery d"
                    + " JOIN message m ON m.message_id = d.message_id AND m.direction = 'INBOUND'"
                    + " WHERE d.backend = ? AND m.status = 'DELIVERED' ORDER BY d.assigned_at, d.message_id")) {
                select.setString(1, backend);
                List<String> ids = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        ids.add(row.getString(1));
                    }
                }
                return ids;
            }
        });
    }

    /** Outbound messages submitted by a backend that reached ACKNOWLEDGED or SEND_FAILURE untold. */
    public List<Outcome> outcomesToNotify(int limit) {
        return run("list the outcomes to tell the backends", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT s.backend, s.submission_id,"
                    + " s.message_id, m.status, m.error_code, m.error_detail, m.updated_at FROM backend_submission s"
                    + " JOIN message m ON m.message_id = s.message_id AND m.direction = 'OUTBOUND'"
                    + " WHERE s.outcome_notified = FALSE AND m.status IN ('ACKNOWLEDGED', 'SEND_FAILURE')"
                    + " ORDER BY m.updated_at")) {
                select.setMaxRows(limit);
                List<Outcome> outcomes = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        outcomes.add(new Outcome(row.getString(1), row.getString(2), row.getString(3),
                                MessageStatus.valueOf(row.getString(4)), Jdbc.optionalText(row, "error_code"),
                                Jdbc.optionalText(row, "error_detail"), Jdbc.instant(row, "updated_at")));
                    }
                }
                return outcomes;
            }
        });
    }

    /**
     * Marks the outcome of a message as not yet told, so that its backend hears the new outcome of an
     * operator's resend (ACKNOWLEDGED, or SEND_FAILURE again) as it heard the first.
     */
    public void renotify(String messageId) {
        update("record that the outcome of message " + messageId + " is to be told again", "UPDATE backend_submission"
                + " SET outcome_notified = FALSE WHERE message_id = ?", messageId);
    }

    public void notified(String backend, String submissionId) {
        update("record the outcome of submission " + submissionId + " as told", "UPDATE backend_submission"
                + " SET outcome_notified = TRUE WHERE backend = ? AND submission_id = ?", backend, submissionId);
    }

    private static Optional<SubmissionRow> submission(Connection connection, String backend, String submissionId)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT * FROM backend_submission WHERE backend = ? AND submission_id = ?")) {
            select.setString(1, backend);
            select.setString(2, submissionId);
            return first(select);
        }
    }

    private static Optional<SubmissionRow> first(PreparedStatement select) throws SQLException {
        try (ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                return Optional.empty();
            }
            return Optional.of(new SubmissionRow(row.getString("backend"), row.getString("submission_id"),
                    row.getString("message_id"), Jdbc.instant(row, "created_at"), Jdbc.optionalText(row, "error_code"),
                    Jdbc.optionalText(row, "error_detail"), Jdbc.optionalInstant(row, "error_at")));
        }
    }

    private void update(String what, String sql, Object... parameters) {
        run(what, connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    if (parameters[i] instanceof Instant instant) {
                        Jdbc.setInstant(update, i + 1, instant);
                    } else {
                        update.setObject(i + 1, parameters[i]);
                    }
                }
                return update.executeUpdate();
            }
        });
    }

    private <T> T run(String what, Database.Work<T> work) {
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
