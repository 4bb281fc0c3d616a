package org.imigateway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Calendar;
import java.util.Optional;
import java.util.TimeZone;

/** Binding helpers that keep the SQL portable between Derby and PostgreSQL. */
final class Jdbc {

    /** SQLState of a unique or primary key violation, the same in Derby and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";
    /** Lock wait timed out (Derby 40XL1; PostgreSQL 55P03) or deadlock victim (40001, 40P01). */
    private static final java.util.Set<String> TRANSIENT_LOCK_STATES = java.util.Set.of("40XL1", "40XL2", "40001", "40P01", "55P03");

    private Jdbc() {
    }

    /**
     * The messages of an SQLException and the ones chained to it, with their SQLStates: Derby
     * often says "see the next exception for details" and puts the cause there.
     */
    static String describe(SQLException e) {
        StringBuilder text = new StringBuilder();
        for (SQLException next = e; next != null && text.length() < 2000; next = next.getNextException()) {
            if (!text.isEmpty()) {
                text.append("; ");
            }
            text.append(next.getMessage()).append(" (SQLState ").append(next.getSQLState()).append(')');
        }
        return text.toString();
    }

    /** A transaction that lost a lock race: running it again is the whole remedy. */
    static boolean isLockConflict(SQLException e) {
        for (SQLException next = e; next != null; next = next.getNextException()) {
            if (TRANSIENT_LOCK_STATES.contains(next.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    static boolean isUniqueViolation(SQLException e) {
        return UNIQUE_VIOLATION.equals(e.getSQLState());
    }

    /**
     * Timestamps are stored as UTC wall-clock time in microseconds, so that neither the JVM's
     * time zone (and its daylight-saving gaps) nor the database's precision changes them.
     */
    static Instant stored(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setTimestamp(index, Timestamp.from(stored(instant)), utc());
    }

    static void setInstant(PreparedStatement statement, int index, Optional<Instant> instant) throws SQLException {
        if (instant.isPresent()) {
            setInstant(statement, index, instant.get());
        } else {
            statement.setNull(index, Types.TIMESTAMP);
        }
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getTimestamp(column, utc()).toInstant();
    }

    static Optional<Instant> optionalInstant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column, utc());
        return value == null ? Optional.empty() : Optional.of(value.toInstant());
    }

    static void setText(PreparedStatement statement, int index, Optional<String> text) throws SQLException {
        if (text.isPresent()) {
            statement.setString(index, text.get());
        } else {
            statement.setNull(index, Types.VARCHAR);
        }
    }

    static Optional<String> optionalText(ResultSet row, String column) throws SQLException {
        return Optional.ofNullable(row.getString(column));
    }

    /** Refuses a value longer than its column, naming the field, instead of a bare SQL error. */
    static String fit(String field, String value, int limit) {
        if (value.length() > limit) {
            throw new IllegalArgumentException(field + " is " + value.length()
                    + " characters long; the message log keeps at most " + limit);
        }
        return value;
    }

    static Optional<String> fit(String field, Optional<String> value, int limit) {
        value.ifPresent(v -> fit(field, v, limit));
        return value;
    }

    /** Shortens text of our own making (notes, error details) to its column. */
    static String clip(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit - 1) + "…";
    }

    // A Calendar is mutable and drivers may set its time, so each call gets its own.
    private static Calendar utc() {
        return Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    }
}
