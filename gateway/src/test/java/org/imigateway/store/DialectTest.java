package org.imigateway.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** What the store relies on being alike in Derby and PostgreSQL, and the one type that is not. */
@ParameterizedClass
@EnumSource(TestStore.class)
class DialectTest {

    @Parameter
    TestStore store;

    @TempDir
    Path temp;

    @Test
    void dialectFollowsTheUrl() throws Exception {
        try (Database database = store.open(temp)) {
            assertEquals(store.name(), database.dialect().name());
        }
        assertEquals(Optional.empty(), Dialect.of("jdbc:mysql://localhost/x"));
    }

    @Test
    void binaryColumnKeepsEveryByteValue() throws Exception {
        byte[] all = new byte[512];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        try (Database database = store.open(temp)) {
            MessageLog log = new MessageLog(database);
            String id = TestMessages.newId("binary");
            log.registerOutbound(TestMessages.header(id), List.of(), TestMessages.body(temp, id));
            log.acknowledge(id, all);
            assertArrayEquals(all, log.receipt(id, Direction.OUTBOUND).orElseThrow());
        }
    }

    @Test
    void aRepeatedKeyIsRecognisedAsADuplicate() throws Exception {
        try (Database database = store.open(temp)) {
            SQLException duplicate = assertThrows(SQLException.class, () -> database.inTransaction(c -> {
                for (int i = 0; i < 2; i++) {
                    try (PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO backend_delivery (message_id, backend, assigned_at) VALUES (?, ?, ?)")) {
                        insert.setString(1, "same@x");
                        insert.setString(2, "b");
                        Jdbc.setInstant(insert, 3, Instant.now());
                        insert.executeUpdate();
                    }
                }
                return null;
            }));
            assertTrue(Jdbc.isUniqueViolation(duplicate), Jdbc.describe(duplicate));
        }
    }

    @Test
    void timestampsComeBackToTheMicrosecondAndBooleansAsWritten() throws Exception {
        Instant at = Instant.parse("2026-03-29T01:30:00.123456789Z"); // a daylight-saving gap in much of Europe
        try (Database database = store.open(temp)) {
            database.inTransaction(c -> {
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO backend_submission (backend, submission_id,"
                        + " message_id, created_at, outcome_notified) VALUES ('b', 's', 'm@x', ?, ?)")) {
                    Jdbc.setInstant(insert, 1, at);
                    insert.setBoolean(2, true);
                    return insert.executeUpdate();
                }
            });
            database.inTransaction(c -> {
                try (PreparedStatement select = c.prepareStatement("SELECT created_at, outcome_notified FROM backend_submission"
                        + " WHERE outcome_notified = TRUE ORDER BY created_at FETCH FIRST 1 ROWS ONLY");
                        ResultSet row = select.executeQuery()) {
                    assertTrue(row.next());
                    assertEquals(Jdbc.stored(at), Jdbc.instant(row, "created_at"));
                    assertTrue(row.getBoolean("outcome_notified"));
                    return null;
                }
            });
        }
    }
}
