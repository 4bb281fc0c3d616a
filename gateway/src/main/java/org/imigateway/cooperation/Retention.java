package org.imigateway.cooperation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.imigateway.port.AuditAction;
import org.imigateway.port.AuditLog;
import org.imigateway.port.CaseKey;
import org.imigateway.port.CaseRecord;
import org.imigateway.port.Cases;
import org.imigateway.port.MessageFiles;
import org.imigateway.port.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.imigateway.procedure.Procedure;
import org.imigateway.procedure.Procedures;

/**
 * The retention schedule of personal data (IMI Regulation art. 14): the payloads of a closed case
 * are blocked {@code blockAfterMonths} after closure and deleted {@code deleteAfterMonths} after
 * it, on its procedure's schedule (a message without a case: 6 and 36). Deleting removes every
 * copy the gateway keeps (the stored payloads, documents the hub made, the prepared outbound MIME
 * bodies) and keeps what proves the exchange: message log rows, payload sizes and SHA-256 digests,
 * status history, the audit trail.
 *
 * <p>Crash-safe and idempotent: a case is marked (and audited) first, in one transaction, and its
 * files deleted after; a case marked deleted with files left is finished by the next run, and a
 * run repeated changes nothing.
 */
public final class Retention {

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    private static final String ACTOR = "system:retention";

    /** What one run did. */
    public record Run(int blocked, int deleted, int filesRemoved) {
    }

    private final Transactions database;
    private final Procedures procedures;
    private final Cases cases;
    private final MessageFiles messageFiles;
    private final AuditLog audit;
    private final CooperationStore decisions = new CooperationStore();

    /**
     * @param cases        the case registry the hub fills as it decides
     * @param messageFiles the payload files and prepared bodies the access point keeps of each message
     * @param audit        where each block and deletion is recorded, in the transaction that marks it
     */
    public Retention(Transactions database, Procedures procedures, Cases cases, MessageFiles messageFiles, AuditLog audit) {
        this.database = database;
        this.procedures = procedures;
        this.cases = cases;
        this.messageFiles = messageFiles;
        this.audit = audit;
    }

    /** Applies the schedule as it stands at {@code now}. */
    public Run run(Instant now) throws SQLException, IOException {
        int shortestBlock = procedures.all().stream().mapToInt(Procedure::blockAfterMonths)
                .min().orElse(Procedures.DEFAULT_BLOCK_MONTHS);
        int shortestDelete = procedures.all().stream().mapToInt(Procedure::deleteAfterMonths)
                .min().orElse(Procedures.DELETE_MONTHS);
        List<CaseRecord> due = database.inTransaction(c -> cases.retentionDue(c,
                minus(now, Math.min(shortestBlock, Procedures.DEFAULT_BLOCK_MONTHS)),
                minus(now, Math.min(shortestDelete, Procedures.DELETE_MONTHS))));
        int blocked = 0;
        int deleted = 0;
        int removed = 0;
        for (CaseRecord found : due) {
            CaseKey key = found.key();
            Instant closed = found.closedAt().orElseThrow();
            int blockMonths = schedule(key, true);
            int deleteMonths = schedule(key, false);
            if (!now.isBefore(plus(closed, deleteMonths))) {
                if (database.inTransaction(c -> mark(c, key, now, AuditAction.DELETE, deleteMonths))) {
                    deleted++;
                }
                removed += removeFiles(key);
            } else if (!now.isBefore(plus(closed, blockMonths))
                    && database.inTransaction(c -> mark(c, key, now, AuditAction.BLOCK, blockMonths))) {
                blocked++;
            }
        }
        if (blocked + deleted + removed > 0) {
            LOG.info("retention: {} case(s) blocked, {} deleted, {} file(s) removed", blocked, deleted, removed);
        }
        return new Run(blocked, deleted, removed);
    }

    private int schedule(CaseKey key, boolean block) {
        return procedures.find(key.procedure())
                .map(p -> block ? p.blockAfterMonths() : p.deleteAfterMonths())
                .orElse(block ? Procedures.DEFAULT_BLOCK_MONTHS : Procedures.DELETE_MONTHS);
    }

    /** Marks the case and writes one audit entry per message; false when an earlier run already did. */
    private boolean mark(Connection c, CaseKey key, Instant now, AuditAction action, int months) throws SQLException {
        boolean changed = action == AuditAction.DELETE ? cases.markDeleted(c, key, now) : cases.markBlocked(c, key, now);
        if (changed) {
            String why = (action == AuditAction.DELETE ? "deleted " : "blocked ") + months + " months after closure under"
                    + " retention of " + (key.isOwnCase() ? "the default schedule" : "procedure " + key.procedure());
            for (String messageId : cases.messages(c, key)) {
                audit.append(c, now, ACTOR, action, messageId, key, why);
            }
        }
        return changed;
    }

    /** Deletes every file of the case's messages the gateway keeps, then records that none is left. */
    private int removeFiles(CaseKey key) throws SQLException, IOException {
        List<String> messageIds = database.inTransaction(c -> cases.messages(c, key));
        Set<Path> files = new LinkedHashSet<>();
        List<Path> folders = new ArrayList<>();
        for (String messageId : messageIds) {
            files.addAll(messageFiles.receivedPayloads(messageId));
            messageFiles.preparedBody(messageId).ifPresent(body -> folders.add(body.getParent()));
            database.inTransaction(c -> decisions.decided(c, messageId)).ifPresent(decided -> decided.outgoing()
                    .forEach(line -> Outgoing.parse(line).payloads().forEach(p -> files.add(p.file()))));
        }
        int removed = 0;
        for (Path file : files) {
            if (Files.deleteIfExists(file)) {
                removed++;
            }
        }
        for (Path folder : folders) {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> tree = Files.walk(folder)) {
                    for (Path path : tree.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(path);
                    }
                }
                removed++;
            }
        }
        database.inTransaction(c -> {
            cases.filesRemoved(c, key);
            return null;
        });
        return removed;
    }

    private static Instant plus(Instant at, int months) {
        return at.atZone(ZoneOffset.UTC).plusMonths(months).toInstant();
    }

    private static Instant minus(Instant at, int months) {
        return at.atZone(ZoneOffset.UTC).minusMonths(months).toInstant();
    }
}
