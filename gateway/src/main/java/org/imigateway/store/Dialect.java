package org.imigateway.store;

import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * What differs between the two databases the message log runs on; everything else is the same
 * SQL. Unique-key violations (SQLState 23505), identity columns, BOOLEAN, TIMESTAMP and
 * {@code FETCH FIRST} are alike in both, so only the type of the one binary column (the signed
 * receipt) and how the database is closed differ.
 */
enum Dialect {

    /** Embedded Derby in the home's data folder: the zero-set-up default, one process only. */
    DERBY("BLOB(16M)"),
    /** A PostgreSQL server: the production store, which several processes can share. */
    POSTGRESQL("BYTEA");

    /** SQLState Derby answers a successful shutdown of one database with. */
    private static final String DATABASE_SHUT_DOWN = "08006";

    private final String binaryType;

    Dialect(String binaryType) {
        this.binaryType = binaryType;
    }

    /** The dialect of a JDBC URL; empty for one this gateway does not speak. */
    static java.util.Optional<Dialect> of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:derby:")) {
            return java.util.Optional.of(DERBY);
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return java.util.Optional.of(POSTGRESQL);
        }
        return java.util.Optional.empty();
    }

    /** The column type of binary content: Derby has BLOB, PostgreSQL BYTEA; both bind with setBytes. */
    String binaryType() {
        return binaryType;
    }

    /**
     * Called once the pool is closed. Embedded Derby is shut down so the next start needs no
     * recovery (not the whole engine, which other databases may share); a server needs nothing.
     *
     * @return what happened, for the log
     */
    String closed(String jdbcUrl) {
        if (this != DERBY) {
            return "closed the pool";
        }
        try {
            DriverManager.getConnection(jdbcUrl + ";shutdown=true").close();
            return "Derby did not confirm its shutdown";
        } catch (SQLException e) {
            return DATABASE_SHUT_DOWN.equals(e.getSQLState()) ? "shut down"
                    : "Derby did not shut down cleanly: " + Jdbc.describe(e);
        }
    }
}
