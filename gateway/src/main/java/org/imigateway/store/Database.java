package org.imigateway.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.concurrent.ThreadLocalRandom;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.imigateway.port.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Derby database of the message log. Opening it brings the schema up to date;
 * closing it shuts Derby down cleanly so the next start needs no recovery. Every piece of work
 * runs on a connection of its own ({@link #inTransaction}), so any number of threads may use it.
 * Connections are kept for the next transaction rather than opened for each: opening an embedded
 * Derby connection, and preparing its statements again, was a measurable share of the CPU each
 * message cost (see the benchmarks module).
 */
public final class Database implements Transactions, AutoCloseable {

    /** How often a transaction that hit a lock timeout or deadlock is run before giving up. */
    private static final int LOCK_CONFLICT_ATTEMPTS = 8;

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    /** SQLState Derby answers a successful shutdown of one database with. */
    private static final String DATABASE_SHUT_DOWN = "08006";

    /** Idle connections kept; more threads than this still get connections, which are closed after use. */
    private static final int MAX_IDLE = 16;

    private final Path folder;
    private final String url;
    private final java.util.concurrent.ConcurrentLinkedDeque<Connection> idle = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    private Database(Path folder) {
        this.folder = folder;
        this.url = "jdbc:derby:" + folder;
    }

    /**
     * Opens (creating if needed) the database in {@code folder} and applies the schema
     * migrations it lacks.
     *
     * @throws StoreException when the database cannot be opened, for instance because another
     *         process uses it, or when it was written by a newer version of the gateway
     */
    public static Database open(Path folder) {
        // Durability "test" skips the syncs that make a commit survive a crash (invariant 1).
        if ("test".equalsIgnoreCase(System.getProperty("derby.system.durability"))) {
            throw new StoreException("derby.system.durability=test is set: commits would not survive a crash;"
                    + " remove that system property");
        }
        Path absolute = folder.toAbsolutePath().normalize();
        if (absolute.toString().contains(";")) {
            throw new StoreException("the database folder " + absolute + " contains ';', which a Derby URL cannot hold");
        }
        DerbyLog.install();
        Database database = new Database(absolute);
        database.boot();
        try {
            SchemaMigrations.migrate(database);
        } catch (SQLException | RuntimeException e) {
            database.close();
            if (e instanceof StoreException store) {
                throw store;
            }
            throw new StoreException("the schema of the database at " + absolute + " cannot be brought up to date: "
                    + (e instanceof SQLException sql ? Jdbc.describe(sql) : e.getMessage()), e);
        }
        return database;
    }

    private void boot() {
        try {
            // Derby refuses to create a database in a folder that exists, even an empty one.
            if (Files.isDirectory(folder) && isEmpty(folder)) {
                Files.delete(folder);
            }
            Files.createDirectories(folder.getParent());
            try (Connection connection = DriverManager.getConnection(url + ";create=true")) {
                LOG.info("Derby database open at {}", folder);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot open the Derby database at " + folder + ": " + Jdbc.describe(e), e);
        } catch (IOException e) {
            throw new StoreException("cannot open the Derby database at " + folder + ": " + e.getMessage(), e);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    public Path folder() {
        return folder;
    }

    @Override
    public <T> T inTransaction(String what, Work<T> work) {
        try {
            return inTransaction(work);
        } catch (SQLException e) {
            throw new StoreException(what + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code work} in one transaction on a connection of its own: committed when it
     * returns, rolled back when it throws.
     */
    @Override
    public <T> T inTransaction(Work<T> work) throws SQLException {
        for (int attempt = 1;; attempt++) {
            Connection connection = connection();
            boolean committed = false;
            try {
                try {
                    T result = work.run(connection);
                    connection.commit();
                    committed = true;
                    return result;
                } catch (SQLException e) {
                    rollback(connection, e);
                    // Under load, Derby's row and identity-generator locks time out or deadlock;
                    // the work is a whole transaction, so running it again is safe.
                    if (!Jdbc.isLockConflict(e) || attempt >= LOCK_CONFLICT_ATTEMPTS) {
                        throw e;
                    }
                    LOG.debug("transaction lost a lock race (attempt {}): {}", attempt, Jdbc.describe(e));
                } catch (RuntimeException | Error e) {
                    rollback(connection, e);
                    throw e;
                }
            } finally {
                release(connection, committed);
            }
            sleepBeforeRetry(attempt);
        }
    }

    private static void sleepBeforeRetry(int attempt) throws SQLException {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(20, 100L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting to retry a transaction", e);
        }
    }

    private Connection connection() throws SQLException {
        if (closed) {
            throw new IllegalStateException("the database at " + folder + " is closed");
        }
        Connection kept = idle.pollFirst();
        if (kept != null) {
            return kept;
        }
        Connection connection = DriverManager.getConnection(url);
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        return connection;
    }

    /** Keeps a connection whose transaction committed; one that failed is closed, whatever state it is in. */
    private void release(Connection connection, boolean committed) {
        if (committed && !closed && idle.size() < MAX_IDLE) {
            idle.offerFirst(connection);
            if (!closed) {
                return;
            }
            idle.remove(connection);
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("a connection did not close cleanly: {}", Jdbc.describe(e));
        }
    }

    private static void rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** Shuts this database down (not the whole Derby engine, which other databases may share). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Connection connection = idle.pollFirst(); connection != null; connection = idle.pollFirst()) {
            release(connection, false);
        }
        try {
            DriverManager.getConnection(url + ";shutdown=true").close();
            LOG.warn("Derby database at {} did not confirm its shutdown", folder);
        } catch (SQLException e) {
            if (DATABASE_SHUT_DOWN.equals(e.getSQLState())) {
                LOG.info("Derby database at {} shut down", folder);
            } else {
                LOG.warn("Derby database at {} did not shut down cleanly: {}", folder, Jdbc.describe(e));
            }
        }
    }
}
