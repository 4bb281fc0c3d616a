package org.imigateway.as4;

import java.time.Duration;
import java.util.Objects;

/**
 * How old a received message may be and how far its clock may run ahead of ours: the bounds
 * of its eb:Timestamp and of a wsu:Timestamp, checked by us and, for the wsu:Timestamp, by
 * WSS4J with the same bounds.
 */
public record TimestampWindow(Duration maxAge, Duration clockSkew) {

    /** WSS4J's own defaults (5 min, 1 min), for callers that check no leg's freshness. */
    public static final TimestampWindow WSS4J_DEFAULT = new TimestampWindow(Duration.ofMinutes(5), Duration.ofMinutes(1));

    public TimestampWindow {
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(clockSkew, "clockSkew");
        if (maxAge.isNegative() || clockSkew.isNegative()) {
            throw new IllegalArgumentException("a timestamp window cannot be negative");
        }
    }
}
