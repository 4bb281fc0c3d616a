package org.imigateway.port;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The access point's database as the hub uses it for its own tables (cases, decisions,
 * directory, public submissions): work done in one transaction, so that a decision, the state
 * it changes and the cases it records commit together.
 */
public interface Transactions {

    /** Work done inside one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    <T> T inTransaction(Work<T> work) throws SQLException;

    /**
     * The same, with a database failure reported unchecked, as the access point reports its own
     * store failures; the message starts with {@code what}.
     */
    <T> T inTransaction(String what, Work<T> work);
}
