package org.imigateway.as4;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** A receiver's Retry-After (RFC 9110 10.2.3) as the sender reads it. */
class HttpTransportRetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-12-04T15:00:00Z");

    @Test
    void secondsAndAnHttpDateAreWaitsFromNow() {
        assertEquals(Optional.of(Duration.ofSeconds(7)), HttpTransport.retryAfter("7", NOW));
        assertEquals(Optional.of(Duration.ofSeconds(90)), HttpTransport.retryAfter(" 90 ", NOW));
        assertEquals(Optional.of(Duration.ofMinutes(2)), HttpTransport.retryAfter("Fri, 04 Dec 2026 15:02:00 GMT", NOW));
    }

    @Test
    void nonsenseThePastAndZeroAreNoWait() {
        for (String value : new String[] {"", "soon", "-5", "7.5", "0", "Fri, 04 Dec 2026 14:59:00 GMT", "99999999999"}) {
            assertEquals(Optional.empty(), HttpTransport.retryAfter(value, NOW), value);
        }
    }

    @Test
    void aWaitBeyondAnHourIsTakenAsAnHour() {
        assertEquals(Optional.of(HttpTransport.LONGEST_RETRY_AFTER), HttpTransport.retryAfter("86400", NOW));
    }
}
