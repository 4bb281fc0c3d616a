package org.imigateway.port;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/** The access point's hash-chained audit trail of personal data, as the hub's retention writes to it. */
@FunctionalInterface
public interface AuditLog {

    /** Appends one entry in the caller's transaction, so the entry commits with what it records. */
    void append(Connection c, Instant at, String actor, AuditAction action, String messageId, CaseKey caseKey,
            String purpose) throws SQLException;
}
