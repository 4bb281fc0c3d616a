package org.imigateway.port;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Which case each message belongs to and who takes part in it: the hub records it as it decides,
 * its retention marks what it blocked and deleted. The access point keeps these tables because
 * its payload gate reads them (only an authority of the case gets a message's payloads). Every
 * method runs in the caller's transaction ({@link Transactions}).
 */
public interface Cases {

    /**
     * Records that {@code messageIds} belong to the case and {@code participants} take part in it;
     * the case is made on first sight. Repeating it changes nothing.
     */
    void record(Connection c, CaseKey key, Instant now, Collection<String> participants, Collection<String> messageIds)
            throws SQLException;

    /** Closes the case at {@code at}, once: retention counts from the first closure. */
    void close(Connection c, CaseKey key, Instant at) throws SQLException;

    /** The MessageIds of a case. */
    List<String> messages(Connection c, CaseKey key) throws SQLException;

    /**
     * Closed cases retention may have work on: not blocked and closed before {@code blockBefore},
     * not deleted and closed before {@code deleteBefore}, or deleted with files left.
     */
    List<CaseRecord> retentionDue(Connection c, Instant blockBefore, Instant deleteBefore) throws SQLException;

    /** Marks the payloads blocked, unless they already are; true when this call blocked them. */
    boolean markBlocked(Connection c, CaseKey key, Instant at) throws SQLException;

    /** Marks the payloads deleted with their files still to remove; true when this call marked them. */
    boolean markDeleted(Connection c, CaseKey key, Instant at) throws SQLException;

    /** Records that every file of the case is gone. */
    void filesRemoved(Connection c, CaseKey key) throws SQLException;
}
