package org.imigateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaMigrationsTest {

    private static final List<String> TABLES = List.of("message", "message_property", "status_history", "receipt",
            "payload", "payload_property");

    @TempDir
    Path temp;

    @Test
    void migrationsCreateTheSchemaAndReopeningAppliesNothingAgain() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("derby")); // an empty folder is fine too
        try (Database database = Database.open(folder)) {
            assertEquals(versions(), applied(database));
            for (String table : TABLES) {
                assertEquals(0, count(database, table), table);
            }
        }
        try (Database database = Database.open(folder)) {
            assertEquals(versions(), applied(database), "each migration recorded once");
        }
    }

    @Test
    void databaseWrittenByANewerGatewayIsRefused() throws Exception {
        Path folder = temp.resolve("derby");
        int newer = SchemaMigrations.latest() + 1;
        try (Database database = Database.open(folder)) {
            database.inTransaction(c -> {
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
                    insert.setInt(1, newer);
                    insert.setString(2, "from_the_future");
                    Jdbc.setInstant(insert, 3, Instant.now());
                    return insert.executeUpdate();
                }
            });
        }
        StoreException refused = assertThrows(StoreException.class, () -> Database.open(folder));
        assertTrue(refused.getMessage().contains("schema version " + newer), refused.getMessage());
        assertTrue(refused.getMessage().contains("up to " + SchemaMigrations.latest()), refused.getMessage());
    }

    @Test
    void everyScriptInTheMigrationFolderIsListedInOrder() throws Exception {
        List<String> files;
        try (Stream<Path> list = Files.list(migrationFolder())) {
            files = list.map(p -> p.getFileName().toString()).sorted((a, b) -> version(a) - version(b)).toList();
        }
        assertEquals(files, SchemaMigrations.SCRIPTS);
        assertEquals(SchemaMigrations.SCRIPTS.size(), SchemaMigrations.known().size());
    }

    @Test
    void scriptsAreSplitIntoStatementsWithoutComments() {
        String script = "-- a table; with a comment\nCREATE TABLE a (x INTEGER);\n  -- another\nCREATE INDEX i ON a (x);\n";
        assertEquals(List.of("CREATE TABLE a (x INTEGER)", "CREATE INDEX i ON a (x)"), SchemaMigrations.statements(script));
    }

    private static List<Integer> versions() {
        List<Integer> versions = new ArrayList<>();
        for (int v = 1; v <= SchemaMigrations.latest(); v++) {
            versions.add(v);
        }
        return versions;
    }

    private static List<Integer> applied(Database database) throws Exception {
        return database.inTransaction(c -> {
            List<Integer> versions = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet row = s.executeQuery("SELECT version FROM schema_version ORDER BY version")) {
                while (row.next()) {
                    versions.add(row.getInt(1));
                }
            }
            return versions;
        });
    }

    private static long count(Database database, String table) throws Exception {
        return database.inTransaction(c -> {
            try (Statement s = c.createStatement(); ResultSet row = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    private static Path migrationFolder() throws URISyntaxException {
        return Path.of(SchemaMigrations.class.getResource("/db/migration/").toURI());
    }

    private static int version(String script) {
        return Integer.parseInt(script.substring(1, script.indexOf("__")));
    }
}
