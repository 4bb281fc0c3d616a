package org.imigateway.store;

import java.time.Instant;
import java.util.Objects;

import org.imigateway.port.CaseKey;
import org.imigateway.port.AuditAction;

/**
 * One line of the audit trail: who did what to which message's payloads, of which case, why,
 * when; chained to the entry before it by {@code prevHash}.
 */
public record AuditEntry(long seq, Instant at, String actor, AuditAction action, String messageId, CaseKey caseKey,
        String purpose, String prevHash, String hash) {

    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(caseKey, "caseKey");
        Objects.requireNonNull(purpose, "purpose");
    }
}
