package org.imigateway.cooperation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.imigateway.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decision log on a real embedded Derby: what a redelivered message finds, however many messages it sent. */
class CooperationStoreDecisionTest {

    @TempDir
    Path dir;

    private final CooperationStore store = new CooperationStore();

    @Test
    void aDecisionToAThousandRecipientsIsReadBackWholeAndInOrder() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            lines.add("ALERT_SEND|ap-at|AT-ALERT-DESK|AT-PQ-" + i + "|to:AT-PQ-" + i
                    + "|/var/lib/imi-gateway/data/inbound/some-long-work-folder-name/payload-1;application/xml");
        }
        try (Database database = Database.open(dir.resolve("derby"))) {
            database.inTransaction(c -> {
                store.recordDecision(c, "alert-1@ap-at", "forwarded", lines);
                return null;
            });

            CooperationStore.Decided decided = database.inTransaction(c -> store.decided(c, "alert-1@ap-at")).orElseThrow();

            assertEquals("forwarded", decided.outcome());
            assertEquals(lines, decided.outgoing());
            assertTrue(database.inTransaction(c -> store.decided(c, "never-seen")).isEmpty());
        }
    }

    @Test
    void aDecisionRecordedBeforeTheLineTableStillHasItsLines() throws Exception {
        try (Database database = Database.open(dir.resolve("derby"))) {
            database.inTransaction(c -> {
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO coop_message (message_id, outcome, outgoing, decided_at) VALUES (?, ?, ?, ?)")) {
                    insert.setString(1, "old@ap-1");
                    insert.setString(2, "forwarded");
                    insert.setString(3, "line one\nline two");
                    insert.setTimestamp(4, Timestamp.from(Instant.now()));
                    return insert.executeUpdate();
                }
            });

            Optional<CooperationStore.Decided> decided = database.inTransaction(c -> store.decided(c, "old@ap-1"));

            assertEquals(List.of("line one", "line two"), decided.orElseThrow().outgoing());
        }
    }
}
