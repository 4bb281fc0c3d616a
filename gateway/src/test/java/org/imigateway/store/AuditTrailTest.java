package org.imigateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import org.imigateway.port.CaseKey;
import org.imigateway.port.AuditAction;

@ParameterizedClass
@EnumSource(TestStore.class)
class AuditTrailTest {

    @Parameter
    TestStore store;


    private static final CaseKey CASE = new CaseKey("PQ-REQUEST", "case-1");

    @TempDir
    Path folder;

    private Database database;
    private AuditTrail trail;

    @BeforeEach
    void open() throws Exception {
        database = store.open(folder);
        trail = new AuditTrail(database);
        Instant at = Instant.parse("2026-11-27T08:00:00.123456789Z");
        for (int i = 1; i <= 5; i++) {
            trail.append(at.plusSeconds(i), "LV-AUTH-" + i, AuditAction.READ, "msg-" + i + "@lv", CASE, "answering question " + i);
        }
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void intactChainVerifiesAndNamesItsHead() throws SQLException {
        AuditTrail.Intact intact = assertInstanceOf(AuditTrail.Intact.class, trail.verify());
        assertEquals(5, intact.entries());
        assertEquals(trail.about("msg-5@lv").get(0).hash(), intact.headHash());
    }

    @Test
    void entriesChainEachToThePreviousAndKeepWhoWhatWhenWhichCaseWhy() throws SQLException {
        AuditEntry second = trail.about("msg-2@lv").get(0);
        AuditEntry first = trail.about("msg-1@lv").get(0);
        assertEquals(first.hash(), second.prevHash());
        assertEquals(AuditTrail.GENESIS, first.prevHash());
        assertEquals("LV-AUTH-2", second.actor());
        assertEquals(AuditAction.READ, second.action());
        assertEquals(CASE, second.caseKey());
        assertEquals("answering question 2", second.purpose());
        assertEquals(Instant.parse("2026-11-27T08:00:02.123456Z"), second.at());
    }

    @Test
    void anAlteredFieldIsNamedWithItsEntry() throws SQLException {
        execute("UPDATE audit_entry SET purpose = 'nothing to see' WHERE seq = 3");
        assertBroken(3, "altered");
    }

    @Test
    void anActionRenamedToNoKnownActionIsStillDetected() throws SQLException {
        execute("UPDATE audit_entry SET action = 'XYZ' WHERE seq = 2");
        assertBroken(2, "altered");
    }

    @Test
    void anEntryAlteredWithItsHashRecomputedBreaksTheNextLink() throws SQLException {
        AuditEntry third = trail.about("msg-3@lv").get(0);
        String forged = AuditTrail.hash(third.prevHash(), 3, third.at(), "someone-else", "READ", third.messageId(), CASE,
                third.purpose());
        execute("UPDATE audit_entry SET actor = 'someone-else', hash = '" + forged + "' WHERE seq = 3");
        assertBroken(4, "does not follow entry 3");
    }

    @Test
    void aDeletedMiddleEntryIsNamed() throws SQLException {
        execute("DELETE FROM audit_entry WHERE seq = 2");
        assertBroken(2, "entry 2 missing");
    }

    @Test
    void aDeletedLastEntryIsFoundThroughTheHead() throws SQLException {
        execute("DELETE FROM audit_entry WHERE seq = 5");
        assertBroken(5, "tail was removed");
    }

    @Test
    void aSwappedOrderIsDetected() throws SQLException {
        execute("UPDATE audit_entry SET seq = 100 WHERE seq = 2");
        execute("UPDATE audit_entry SET seq = 2 WHERE seq = 3");
        execute("UPDATE audit_entry SET seq = 3 WHERE seq = 100");
        assertBroken(2, "does not follow entry 1");
    }

    @Test
    void anInsertedEntryIsDetected() throws SQLException {
        execute("INSERT INTO audit_entry (seq, recorded_at, actor, action, message_id, procedure_code, case_id, purpose,"
                + " prev_hash, hash) VALUES (6, CURRENT_TIMESTAMP, 'x', 'READ', 'm', 'p', 'c', 'why', 'a', 'b')");
        assertBroken(6, "does not follow entry 5");
    }

    @Test
    void concurrentAppendsFormOneChain() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<AuditEntry>> appended = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                appended.add(threads.submit(() -> trail.append(Instant.now(), "DE-AUTH", AuditAction.READ, "c-" + n,
                        CASE, "concurrent")));
            }
            for (Future<AuditEntry> entry : appended) {
                entry.get();
            }
        } finally {
            threads.shutdown();
        }
        assertEquals(45, assertInstanceOf(AuditTrail.Intact.class, trail.verify()).entries());
    }

    private void assertBroken(long seq, String problem) throws SQLException {
        AuditTrail.Broken broken = assertInstanceOf(AuditTrail.Broken.class, trail.verify());
        assertEquals(seq, broken.seq(), broken.problem());
        assertTrue(broken.problem().contains(problem), broken.problem());
    }

    private void execute(String sql) throws SQLException {
        database.inTransaction(c -> {
            try (PreparedStatement statement = c.prepareStatement(sql)) {
                return statement.executeUpdate();
            }
        });
    }
}
