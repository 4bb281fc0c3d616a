package org.imigateway.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.analytics.configuration.AnalyticsArgs;
import liquibase.changelog.ChangeSet;
import liquibase.database.DatabaseFactory;
import liquibase.database.core.DerbyDatabase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * Brings the schema up to date with Liquibase: the change sets of {@code db/changelog/changelog.xml},
 * one SQL script each, run in order and recorded in {@code DATABASECHANGELOG}; Liquibase's lock
 * table keeps two processes sharing one PostgreSQL database from migrating at once.
 *
 * <p>Gateways before Liquibase kept their own {@code schema_version} table with one row per
 * script, versions 1 to 6 being change sets 1 to 6. Such a database is first recorded as having
 * run those change sets (Liquibase's changelog sync), then migrated as any other. A database that
 * is ahead of this code (a change set or version it does not know) is refused: an older gateway
 * would misread tables it does not know.
 */
final class SchemaMigrations {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrations.class);

    static final String CHANGELOG = "db/changelog/changelog.xml";
    /** The table of gateways before Liquibase. */
    private static final String LEGACY_TABLE = "schema_version";
    private static final String LIQUIBASE_TABLE = "databasechangelog";

    /**
     * Liquibase logs through java.util.logging, past the gateway's log, a dozen INFO lines per
     * start; its warnings still show. Held here so the setting is not collected with the logger.
     */
    private static final java.util.logging.Logger LIQUIBASE_LOG = quiet(java.util.logging.Logger.getLogger("liquibase"));

    private SchemaMigrations() {
    }

    private static java.util.logging.Logger quiet(java.util.logging.Logger logger) {
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    static void migrate(Database database) throws SQLException {
        try (Connection connection = database.connection()) {
            // Liquibase phones home unless told not to; a gateway talks to no one it was not configured for.
            // Its update summary would go to standard output, where the commands print their results.
            Scope.child(Map.of(AnalyticsArgs.ENABLED.getKey(), false, Scope.Attr.ui.name(), new LoggerUIService(),
                    "liquibase.command.showSummary", "OFF", "liquibase.command.showSummaryOutput", "LOG"),
                    () -> migrate(database, connection));
        } catch (StoreException | SQLException e) {
            throw e;
        } catch (Exception e) {
            Throwable cause = e.getCause() != null && e instanceof LiquibaseException ? e.getCause() : e;
            throw new StoreException("the schema of the database at " + database.where() + " cannot be brought up to date: "
                    + (cause instanceof SQLException sql ? Jdbc.describe(sql) : String.valueOf(e.getMessage())), e);
        }
    }

    private static void migrate(Database database, Connection connection) throws LiquibaseException, SQLException {
        liquibase.database.Database target = DatabaseFactory.getInstance()
                .findCorrectDatabaseImplementation(new JdbcConnection(connection));
        if (target instanceof DerbyDatabase derby) {
            derby.setShutdownEmbeddedDerby(false); // Database.close shuts it down, after the pool
        }
        Liquibase liquibase = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(SchemaMigrations.class.getClassLoader()),
                target);
        liquibase.setChangeLogParameter("binary", database.dialect().binaryType());
        List<String> known = known(liquibase);
        if (!hasTable(connection, LIQUIBASE_TABLE) && hasTable(connection, LEGACY_TABLE)) {
            adoptLegacy(database, connection, liquibase, known);
        }
        refuseUnknown(database, connection, known);
        liquibase.update(new Contexts(), new LabelExpression());
        connection.commit();
        LOG.info("schema of {} is at change set {}", database.where(), latest());
    }

    /** Records the scripts a pre-Liquibase gateway applied as run, so they are not run again. */
    private static void adoptLegacy(Database database, Connection connection, Liquibase liquibase, List<String> known)
            throws SQLException, LiquibaseException {
        int version = legacyVersion(connection);
        if (version > known.size()) {
            throw newer(database, "schema version " + version, known);
        }
        if (version == 0) {
            return;
        }
        StringJoiner labels = new StringJoiner(" or ");
        for (int v = 1; v <= version; v++) {
            labels.add("v" + v);
        }
        liquibase.changeLogSync(new Contexts(), new LabelExpression(labels.toString()));
        connection.commit();
        LOG.info("schema of {} was at version {} of the gateway's own migrations; recorded as Liquibase change sets 1 to {}",
                database.where(), version, version);
    }

    private static void refuseUnknown(Database database, Connection connection, List<String> known) throws SQLException {
        if (!hasTable(connection, LIQUIBASE_TABLE)) {
            return;
        }
        Set<String> unknown = new LinkedHashSet<>();
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT id FROM databasechangelog ORDER BY orderexecuted")) {
            while (row.next()) {
                if (!known.contains(row.getString(1))) {
                    unknown.add(row.getString(1));
                }
            }
        }
        connection.rollback();
        if (!unknown.isEmpty()) {
            throw newer(database, "change set " + String.join(", ", unknown), known);
        }
    }

    private static StoreException newer(Database database, String what, List<String> known) {
        return new StoreException("the database at " + database.where() + " has " + what
                + " but this gateway knows change sets up to " + known.size()
                + ": it was written by a newer gateway; run that version or restore a backup");
    }

    static int legacyVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT MAX(version) FROM schema_version")) {
            row.next();
            return row.getInt(1); // 0 when empty
        }
    }

    private static List<String> known(Liquibase liquibase) throws LiquibaseException {
        List<String> ids = new ArrayList<>();
        for (ChangeSet changeSet : liquibase.getDatabaseChangeLog().getChangeSets()) {
            ids.add(changeSet.getId());
        }
        return ids;
    }

    /** The number of change sets this code writes. */
    static int latest() {
        try (java.io.InputStream in = SchemaMigrations.class.getClassLoader().getResourceAsStream(CHANGELOG)) {
            if (in == null) {
                throw new IllegalStateException(CHANGELOG + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("<changeSet ", -1).length - 1;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + CHANGELOG, e);
        }
    }

    private static boolean hasTable(Connection connection, String table) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String name = meta.storesUpperCaseIdentifiers() ? table.toUpperCase(java.util.Locale.ROOT) : table;
        try (ResultSet tables = meta.getTables(null, connection.getSchema(), name, new String[] {"TABLE"})) {
            return tables.next();
        }
    }
}
