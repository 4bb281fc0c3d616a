package org.imigateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.imigateway.connectors.MessageProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(TestStore.class)
class SchemaMigrationsTest {

    private static final List<String> TABLES = List.of("message", "message_property", "status_history", "receipt",
            "payload", "payload_property");

    /** The last script the code before Liquibase ran; later ones only ever ran through Liquibase. */
    private static final int LEGACY_LAST = 6;

    @Parameter
    TestStore store;

    @TempDir
    Path temp;

    @Test
    void migrationsCreateTheSchemaAndReopeningAppliesNothingAgain() throws Exception {
        DatabaseSettings where = store.fresh(temp);
        if (store == TestStore.DERBY) {
            Files.createDirectories(Path.of(where.url().substring("jdbc:derby:".length()))); // an empty folder is fine too
        }
        try (Database database = Database.open(where)) {
            assertEquals(changeSets(), applied(database));
            for (String table : TABLES) {
                assertEquals(0, count(database, table), table);
            }
        }
        try (Database database = Database.open(where)) {
            assertEquals(changeSets(), applied(database), "each change set recorded once");
        }
    }

    @Test
    void databaseWrittenByANewerGatewayIsRefused() throws Exception {
        DatabaseSettings where = store.fresh(temp);
        String newer = Integer.toString(SchemaMigrations.latest() + 1);
        try (Database database = Database.open(where)) {
            database.inTransaction(c -> {
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO databasechangelog (id, author, filename,"
                        + " dateexecuted, orderexecuted, exectype) VALUES (?, 'imi-gateway', ?, ?, 99, 'EXECUTED')")) {
                    insert.setString(1, newer);
                    insert.setString(2, SchemaMigrations.CHANGELOG);
                    Jdbc.setInstant(insert, 3, Instant.now());
                    return insert.executeUpdate();
                }
            });
        }
        StoreException refused = assertThrows(StoreException.class, () -> Database.open(where));
        assertTrue(refused.getMessage().contains("change set " + newer), refused.getMessage());
        assertTrue(refused.getMessage().contains("up to " + SchemaMigrations.latest()), refused.getMessage());
    }

    @Test
    void everyScriptInTheChangelogFolderIsOneChangeSetInOrder() throws Exception {
        List<String> files;
        try (Stream<Path> list = Files.list(changelogFolder())) {
            files = list.map(p -> p.getFileName().toString()).filter(name -> name.endsWith(".sql"))
                    .sorted((a, b) -> version(a) - version(b)).toList();
        }
        String changelog = Files.readString(changelogFolder().resolve("changelog.xml"));
        Matcher changeSet = Pattern.compile("<changeSet id=\"(\\d+)\"[^>]*labels=\"v(\\d+)\">\\s*<sqlFile path=\"([^\"]+)\"")
                .matcher(changelog);
        List<String> named = new ArrayList<>();
        while (changeSet.find()) {
            int id = Integer.parseInt(changeSet.group(1));
            assertEquals(named.size() + 1, id, "change sets are numbered 1, 2, ...");
            assertEquals(id, Integer.parseInt(changeSet.group(2)), "label of change set " + id);
            assertEquals(id, version(changeSet.group(3)), "script of change set " + id);
            named.add(changeSet.group(3));
        }
        assertEquals(files, named);
        assertEquals(files.size(), SchemaMigrations.latest());
    }

    /**
     * A Derby home written by the gateway's own migration code before Liquibase (its schema and
     * schema_version rows, from a fixture) is adopted on start: nothing is created again, what it
     * held stays, and the current code works on it.
     */
    @Test
    void aDerbyHomeFromBeforeLiquibaseIsAdoptedOnStart() throws Exception {
        Path folder = legacyDerbyHome("INSERT INTO backend_delivery (message_id, backend, assigned_at)"
                + " VALUES ('kept@x', 'fs', TIMESTAMP('2026-11-02 10:00:00'))");

        try (Database database = Database.open(folder)) {
            assertEquals(changeSets(), applied(database), "the six scripts recorded as run, not run again");
            assertEquals(1, count(database, "backend_delivery"), "what the old home held is still there");
            MessageLog log = new MessageLog(database);
            String id = TestMessages.newId("after");
            log.registerOutbound(TestMessages.header(id), List.of(MessageProperty.of("finalRecipient", "urn:x")),
                    TestMessages.body(temp, id));
            log.acknowledge(id, TestMessages.receipt("signed"));
            assertEquals(MessageStatus.ACKNOWLEDGED, log.find(id, Direction.OUTBOUND).orElseThrow().status());
        }
        try (Database database = Database.open(folder)) {
            assertEquals(changeSets(), applied(database), "adopted once");
        }
    }

    @Test
    void aDerbyHomeFromBeforeLiquibaseWithANewerVersionIsRefused() throws Exception {
        int newer = SchemaMigrations.latest() + 1;
        Path folder = legacyDerbyHome("INSERT INTO schema_version (version, description, applied_at)"
                + " VALUES (" + newer + ", 'from_the_future', CURRENT_TIMESTAMP)");
        StoreException refused = assertThrows(StoreException.class, () -> Database.open(folder));
        assertTrue(refused.getMessage().contains("schema version " + newer), refused.getMessage());
        assertTrue(refused.getMessage().contains("up to " + SchemaMigrations.latest()), refused.getMessage());
    }

    /**
     * Builds the Derby database the pre-Liquibase code left: scripts V1 to V6 run as it ran them
     * (BLOB(16M) for the receipt), its schema_version rows from the checked-in fixture, then
     * {@code more} (data that must survive, or a row that must be refused).
     */
    private Path legacyDerbyHome(String more) throws Exception {
        assumeTrue(store == TestStore.DERBY, "only Derby homes were ever written by the old code");
        Path folder = temp.resolve("legacy");
        List<String> scripts = new ArrayList<>();
        try (Stream<Path> list = Files.list(changelogFolder())) {
            list.map(p -> p.getFileName().toString()).filter(name -> name.endsWith(".sql"))
                    .filter(name -> version(name) <= LEGACY_LAST)
                    .sorted((a, b) -> version(a) - version(b)).forEach(name -> scripts.add("/db/changelog/" + name));
        }
        scripts.add("/store/legacy-schema-version.sql");
        DerbyLog.install(); // Derby's own log to SLF4J, not a derby.log in the working folder
        try (Connection c = DriverManager.getConnection("jdbc:derby:" + folder + ";create=true");
                Statement s = c.createStatement()) {
            for (String script : scripts) {
                try (InputStream in = SchemaMigrationsTest.class.getResourceAsStream(script)) {
                    String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${binary}", "BLOB(16M)");
                    for (String statement : statements(text)) {
                        s.execute(statement);
                    }
                }
            }
            s.execute(more);
        } finally {
            shutDown(folder);
        }
        return folder;
    }

    /** The old code's own splitting: comment lines dropped, statements split at each ';'. */
    private static List<String> statements(String script) {
        StringBuilder code = new StringBuilder();
        for (String line : script.split("\n")) {
            if (!line.strip().startsWith("--")) {
                code.append(line).append('\n');
            }
        }
        return Stream.of(code.toString().split(";")).filter(s -> !s.isBlank()).map(String::strip).toList();
    }

    private static void shutDown(Path folder) {
        try {
            DriverManager.getConnection("jdbc:derby:" + folder + ";shutdown=true").close();
        } catch (java.sql.SQLException expected) {
            // Derby confirms a shutdown with an exception (08006).
        }
    }

    private static List<String> changeSets() {
        List<String> ids = new ArrayList<>();
        for (int v = 1; v <= SchemaMigrations.latest(); v++) {
            ids.add(Integer.toString(v));
        }
        return ids;
    }

    private static List<String> applied(Database database) throws Exception {
        return database.inTransaction(c -> {
            List<String> ids = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet row = s.executeQuery("SELECT id FROM databasechangelog ORDER BY orderexecuted")) {
                while (row.next()) {
                    ids.add(row.getString(1));
                }
            }
            return ids;
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

    private static Path changelogFolder() throws URISyntaxException {
        return Path.of(SchemaMigrations.class.getResource("/db/changelog/").toURI());
    }

    private static int version(String script) {
        return Integer.parseInt(script.substring(1, script.indexOf("__")));
    }
}
