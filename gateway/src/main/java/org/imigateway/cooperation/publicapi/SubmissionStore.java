package org.imigateway.cooperation.publicapi;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.imigateway.schemas.imi.ImiDocumentType;
import org.imigateway.port.Transactions;

/** The {@code public_submission} table (migration V4). */
public final class SubmissionStore {

    private static final String COLUMNS = "tracking_id, client, document_type, procedure_code, country, region, authority_id,"
            + " access_point, message_id, payload_file, payload_size, payload_sha256, received_at, forwarded_at, failure";

    private final Transactions database;

    public SubmissionStore(Transactions database) {
        this.database = database;
    }

    public void insert(StoredSubmission s) throws SQLException {
        database.inTransaction(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO public_submission (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)")) {
                insert.setString(1, s.trackingId());
                insert.setString(2, s.client());
                insert.setString(3, s.type().name());
                insert.setString(4, s.procedure());
                insert.setString(5, s.country());
                insert.setString(6, s.region().orElse(null));
                insert.setString(7, s.authority());
                insert.setString(8, s.accessPoint());
                insert.setString(9, s.messageId());
                insert.setString(10, s.payload().toString());
                insert.setLong(11, s.size());
                insert.setString(12, s.sha256());
                insert.setTimestamp(13, Timestamp.from(s.received()));
                insert.executeUpdate();
            }
            return null;
        });
    }

    public Optional<StoredSubmission> find(String trackingId) throws SQLException {
        List<StoredSubmission> found = select("WHERE tracking_id = ?", trackingId);
        return found.stream().findFirst();
    }

    /** Accepted, neither submitted nor failed: what a recovery pass sends on. */
    public List<StoredSubmission> unforwarded() throws SQLException {
        return select("WHERE forwarded_at IS NULL AND failure IS NULL ORDER BY received_at");
    }

    public void markForwarded(String trackingId, Instant at) throws SQLException {
        update("UPDATE public_submission SET forwarded_at = ? WHERE tracking_id = ? AND forwarded_at IS NULL",
                Timestamp.from(at), trackingId);
    }

    public void markFailed(String trackingId, String reason) throws SQLException {
        update("UPDATE public_submission SET failure = ? WHERE tracking_id = ?",
                reason.length() > 2000 ? reason.substring(0, 2000) : reason, trackingId);
    }

    public long count() throws SQLException {
        return database.inTransaction(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT COUNT(*) FROM public_submission");
                    ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    private void update(String sql, Object... values) throws SQLException {
        database.inTransaction(c -> {
            try (PreparedStatement update = c.prepareStatement(sql)) {
                for (int i = 0; i < values.length; i++) {
                    update.setObject(i + 1, values[i]);
                }
                return update.executeUpdate();
            }
        });
    }

    private List<StoredSubmission> select(String where, String... values) throws SQLException {
        return database.inTransaction(c -> {
            List<StoredSubmission> found = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM public_submission " + where)) {
                for (int i = 0; i < values.length; i++) {
                    select.setString(i + 1, values[i]);
                }
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        found.add(read(row));
                    }
                }
            }
            return found;
        });
    }

    private static StoredSubmission read(ResultSet row) throws SQLException {
        Timestamp forwarded = row.getTimestamp("forwarded_at");
        return new StoredSubmission(row.getString("tracking_id"), row.getString("client"),
                ImiDocumentType.valueOf(row.getString("document_type")), row.getString("procedure_code"),
                row.getString("country"), Optional.ofNullable(row.getString("region")), row.getString("authority_id"),
                row.getString("access_point"), row.getString("message_id"), Path.of(row.getString("payload_file")),
                row.getLong("payload_size"), row.getString("payload_sha256"), row.getTimestamp("received_at").toInstant(),
                Optional.ofNullable(forwarded).map(Timestamp::toInstant), Optional.ofNullable(row.getString("failure")));
    }
}
