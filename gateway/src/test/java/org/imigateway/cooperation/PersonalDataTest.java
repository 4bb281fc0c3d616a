package org.imigateway.cooperation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.imigateway.connectors.Delivery;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.connectors.Payload;
import org.imigateway.port.AuditAction;
import org.imigateway.store.AuditEntry;
import org.imigateway.store.AuditTrail;
import org.imigateway.port.CaseKey;
import org.imigateway.store.CaseRegistry;
import org.imigateway.store.Database;
import org.imigateway.store.DerbySink;
import org.imigateway.store.Direction;
import org.imigateway.store.MessageLog;
import org.imigateway.store.MessageRecords;
import org.imigateway.store.PayloadAccess;
import org.imigateway.store.PayloadStore;
import org.imigateway.store.StoredPayload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.imigateway.procedure.Procedures;
import org.imigateway.procedure.ShippedProcedures;

/** Need to know, blocking, deletion and their audit, on a real embedded Derby and payload store. */
class PersonalDataTest {

    private static final Instant CLOSED = Instant.parse("2026-01-15T10:00:00Z");
    private static final CaseKey CASE = new CaseKey("pq-request", "LV-2026-7");

    @TempDir
    Path temp;

    private Database database;
    private PayloadStore payloads;
    private PayloadAccess access;
    private Retention retention;
    private final CaseRegistry cases = new CaseRegistry();

    @BeforeEach
    void open() throws Exception {
        database = Database.open(temp.resolve("derby"));
        MessageLog log = new MessageLog(database);
        payloads = new PayloadStore(database, temp.resolve("payloads"));
        DerbySink sink = new DerbySink(log, payloads);
        access = new PayloadAccess(database, log, sink, payloads, Clock.systemUTC());
        Path procedures = Files.createDirectories(temp.resolve("procedures"));
        ShippedProcedures.copyTo(procedures);
        retention = new Retention(database, Procedures.load(procedures), cases, new MessageRecords(log, payloads),
                access.audit()::append);
        sink.accept(delivery("m1@lv", "LV-VI", "DE-AEK"), "<receipt/>".getBytes(StandardCharsets.UTF_8));
        sink.accept(delivery("m2@lv", "LV-VI", "DE-AEK"), "<receipt/>".getBytes(StandardCharsets.UTF_8));
        database.inTransaction(c -> {
            cases.record(c, CASE, CLOSED.minusSeconds(86_400), List.of("LV-VI", "DE-AEK"), List.of("m1@lv"));
            return null;
        });
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void onlyParticipantsReadAndEveryAttemptIsAudited() throws Exception {
        PayloadAccess.Granted read = assertInstanceOf(PayloadAccess.Granted.class,
                access.read("DE-AEK", "m1@lv", "answering the request"));
        PayloadAccess.Refused outsider = assertInstanceOf(PayloadAccess.Refused.class,
                access.read("FR-CNOM", "m1@lv", "curiosity"));

        assertEquals(1, read.delivery().payloads().size());
        assertEquals("message m1@lv not found for FR-CNOM (it takes no part in its case)", outsider.reason());
        List<AuditEntry> trail = access.audit().about("m1@lv");
        assertEquals(List.of(AuditAction.READ, AuditAction.REFUSED), trail.stream().map(AuditEntry::action).toList());
        assertEquals("DE-AEK", trail.get(0).actor());
        assertEquals(CASE, trail.get(0).caseKey());
        assertEquals("answering the request", trail.get(0).purpose());
        assertEquals("FR-CNOM", trail.get(1).actor());
    }

    @Test
    void aMessageWithoutARecordedCaseIsReadByItsSenderAndRecipientOnly() {
        assertInstanceOf(PayloadAccess.Granted.class, access.read("LV-VI", "m2@lv", "my own request"));
        assertInstanceOf(PayloadAccess.Refused.class, access.read("DE-OTHER", "m2@lv", "not mine"));
        assertInstanceOf(PayloadAccess.Refused.class, access.read("DE-AEK", "unknown@lv", "guessing ids"));
    }

    @Test
    void closedCaseIsBlockedThenDeletedOnItsProceduresScheduleKeepingTheEvidence() throws Exception {
        database.inTransaction(c -> {
            cases.close(c, CASE, CLOSED);
            return null;
        });
        Path file = payloads.file(payloads.payloads("m1@lv", Direction.INBOUND).get(0));

        assertEquals(new Retention.Run(0, 0, 0), retention.run(months(5)));
        assertInstanceOf(PayloadAccess.Granted.class, access.read("DE-AEK", "m1@lv", "still open to us"));

        assertEquals(new Retention.Run(1, 0, 0), retention.run(months(6)));
        assertEquals(new Retention.Run(0, 0, 0), retention.run(months(7)));
        PayloadAccess.Refused blocked = assertInstanceOf(PayloadAccess.Refused.class,
                access.read("DE-AEK", "m1@lv", "after blocking"));
        assertTrue(blocked.reason().contains("blocked on 2026-07-15 under retention of procedure pq-request"),
                blocked.reason());
        assertInstanceOf(PayloadAccess.Refused.class, access.proof("ops-anna", "m1@lv", " "));
        assertInstanceOf(PayloadAccess.Granted.class, access.proof("ops-anna", "m1@lv", "court order 12/2026"));

        assertEquals(new Retention.Run(0, 1, 1), retention.run(months(36)));
        assertFalse(Files.exists(file));
        assertEquals(new Retention.Run(0, 0, 0), retention.run(months(37)));
        PayloadAccess.Deleted deleted = assertInstanceOf(PayloadAccess.Deleted.class,
                access.read("DE-AEK", "m1@lv", "after deletion"));
        assertEquals("payloads of message m1@lv deleted on 2029-01-15 under retention of procedure pq-request"
                + " (case LV-2026-7)", deleted.statement());
        StoredPayload kept = deleted.evidence().payloads().get(0);
        assertEquals(64, kept.sha256().length());
        assertTrue(deleted.evidence().describe().contains("sha256 " + kept.sha256()), deleted.evidence().describe());

        List<AuditAction> actions = access.audit().about("m1@lv").stream().map(AuditEntry::action).toList();
        assertEquals(List.of(AuditAction.READ, AuditAction.BLOCK, AuditAction.REFUSED,
                AuditAction.READ_BLOCKED, AuditAction.DELETE), actions);
        assertInstanceOf(AuditTrail.Intact.class, access.audit().verify());
    }

    @Test
    void aDeletionInterruptedBeforeItsFilesWentIsFinishedByTheNextRun() throws Exception {
        Path file = payloads.file(payloads.payloads("m1@lv", Direction.INBOUND).get(0));
        database.inTransaction(c -> {
            cases.close(c, CASE, CLOSED);
            return cases.markDeleted(c, CASE, months(36));
        });
        assertTrue(Files.exists(file));

        assertEquals(new Retention.Run(0, 0, 1), retention.run(months(36)));

        assertFalse(Files.exists(file));
        assertEquals(new Retention.Run(0, 0, 0), retention.run(months(36)));
    }

    private static Instant months(int months) {
        return CLOSED.atZone(ZoneOffset.UTC).plusMonths(months).toInstant();
    }

    private Delivery delivery(String id, String sender, String recipient) throws Exception {
        Path file = Files.writeString(temp.resolve(id + ".xml"), "<request>personal data of " + id + "</request>");
        return new Delivery(id, "conv-" + id, Optional.empty(), Instant.parse("2026-01-10T09:00:00Z"), "lv-ap", "hub",
                "urn:imigateway:imi:request", Optional.of("urn:imigateway:imi"), "Submit",
                List.of(MessageProperty.of("originalSender", sender), MessageProperty.of("finalRecipient", recipient)),
                List.of(Payload.of(file, "application/xml")));
    }
}
