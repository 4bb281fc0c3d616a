package org.imigateway.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema up to date: the scripts in {@code db/migration/}, named
 * {@code V<n>__<what>.sql}, run in order, each in one transaction together with the row in
 * {@code schema_version} that records it. A database that is ahead of this code is refused:
 * an older gateway would misread tables it does not know.
 */
final class SchemaMigrations {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrations.class);

    /** Every migration, oldest first; a new script is added here and in the folder. */
    static final List<String> SCRIPTS = List.of(
            "V1__message_log.sql",
            "V2__cooperation.sql",
            "V3__connectors.sql",
            "V4__public_submissions.sql",
            "V5__personal_data.sql",
            "V6__decision_lines.sql");

    private static final String FOLDER = "/db/migration/";
    private static final Pattern NAME = Pattern.compile("V(\\d+)__(\\w+)\\.sql");

    record Migration(int version, String description, String script) {
    }

    private SchemaMigrations() {
    }

    static List<Migration> known() {
        List<Migration> migrations = new ArrayList<>();
        for (String script : SCRIPTS) {
            Matcher name = NAME.matcher(script);
            if (!name.matches()) {
                throw new IllegalStateException("migration " + script + " is not named V<n>__<what>.sql");
            }
            int version = Integer.parseInt(name.group(1));
            if (version != migrations.size() + 1) {
                throw new IllegalStateException("migration " + script + " should have version " + (migrations.size() + 1));
            }
            migrations.add(new Migration(version, name.group(2), script));
        }
        return migrations;
    }

    /** The schema version this code writes. */
    static int latest() {
        return SCRIPTS.size();
    }

    static void migrate(Database database) throws SQLException {
        database.inTransaction(SchemaMigrations::createVersionTable);
        int current = database.inTransaction(SchemaMigrations::currentVersion);
        if (current > latest()) {
            throw new StoreException("the database at " + database.folder() + " has schema version " + current
                    + " but this gateway knows versions up to " + latest()
                    + ": it was written by a newer gateway; run that version or restore a backup");
        }
        for (Migration migration : known()) {
            if (migration.version() > current) {
                database.inTransaction(connection -> apply(connection, migration));
                LOG.info("schema of {} migrated to version {} ({})", database.folder(), migration.version(),
                        migration.description());
            }
        }
    }

    static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT MAX(version) FROM schema_version")) {
            row.next();
            return row.getInt(1); // 0 when empty
        }
    }

    private static Void createVersionTable(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String table = meta.storesUpperCaseIdentifiers() ? "SCHEMA_VERSION" : "schema_version";
        try (ResultSet tables = meta.getTables(null, connection.getSchema(), table, new String[] {"TABLE"})) {
            if (tables.next()) {
                return null;
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE schema_version ("
                    + " version INTEGER NOT NULL PRIMARY KEY,"
                    + " description VARCHAR(200) NOT NULL,"
                    + " applied_at TIMESTAMP NOT NULL)");
        }
        return null;
    }

    private static Void apply(Connection connection, Migration migration) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(read(migration.script()))) {
                statement.execute(sql);
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
            insert.setInt(1, migration.version());
            insert.setString(2, migration.description());
            Jdbc.setInstant(insert, 3, Instant.now());
            insert.executeUpdate();
        }
        return null;
    }

    /**
     * Splits a script at each {@code ;}. Scripts keep to what this needs: comments on lines of
     * their own starting with {@code --}, and no semicolon inside a statement.
     */
    static List<String> statements(String script) {
        StringBuilder code = new StringBuilder();
        for (String line : script.split("\n")) {
            if (!line.strip().startsWith("--")) {
                code.append(line).append('\n');
            }
        }
        List<String> statements = new ArrayList<>();
        for (String statement : code.toString().split(";")) {
            if (!statement.isBlank()) {
                statements.add(statement.strip());
            }
        }
        return statements;
    }

    private static String read(String script) {
        try (InputStream in = SchemaMigrations.class.getResourceAsStream(FOLDER + script)) {
            if (in == null) {
                throw new IllegalStateException("migration " + FOLDER + script + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migration " + script, e);
        }
    }
}
