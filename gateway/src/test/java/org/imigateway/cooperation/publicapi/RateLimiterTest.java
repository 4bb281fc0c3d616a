package org.imigateway.cooperation.publicapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    @Test
    void aClientMayBurstToItsMinuteThenWaitsForTheNextToken() {
        MovingClock clock = new MovingClock(Instant.parse("2026-11-27T09:00:00Z"));
        RateLimiter limiter = new RateLimiter(6, clock);

        for (int i = 0; i < 6; i++) {
            assertEquals(Optional.empty(), limiter.take("portal"), "take " + (i + 1));
        }
        Optional<Duration> wait = limiter.take("portal");

        assertEquals(Optional.of(Duration.ofSeconds(10)), wait);
        clock.now = clock.now.plusSeconds(9);
        assertTrue(limiter.take("portal").isPresent());
        clock.now = clock.now.plusSeconds(1);
        assertEquals(Optional.empty(), limiter.take("portal"));
        assertTrue(limiter.take("portal").isPresent());
    }

    @Test
    void eachClientHasItsOwnBucketAndAnIdleOneRefillsOnlyToItsMinute() {
        MovingClock clock = new MovingClock(Instant.parse("2026-11-27T09:00:00Z"));
        RateLimiter limiter = new RateLimiter(2, clock);
        limiter.take("portal");
        limiter.take("portal");

        assertTrue(limiter.take("portal").isPresent());
        assertEquals(Optional.empty(), limiter.take("acme"));

        clock.now = clock.now.plus(Duration.ofHours(1));
        assertEquals(Optional.empty(), limiter.take("portal"));
        assertEquals(Optional.empty(), limiter.take("portal"));
        assertTrue(limiter.take("portal").isPresent());
    }
}
