package org.imigateway.cooperation.publicapi;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client: it holds up to {@code perMinute} submissions and refills at
 * {@code perMinute} a minute, so a client may burst to its minute's allowance and then goes at
 * the steady rate. A refused take says how long until the next token.
 */
public final class RateLimiter {

    private final int perMinute;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long refilledNanos;

        Bucket(double tokens, long refilledNanos) {
            this.tokens = tokens;
            this.refilledNanos = refilledNanos;
        }
    }

    public RateLimiter(int perMinute, Clock clock) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("perMinute must be at least 1, not " + perMinute);
        }
        this.perMinute = perMinute;
        this.clock = clock;
    }

    /** Takes a token for {@code client}; empty when taken, else the wait until one is there. */
    public Optional<Duration> take(String client) {
        long now = nanos();
        Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(perMinute, now));
        synchronized (bucket) {
            double perNano = perMinute / 60e9;
            bucket.tokens = Math.min(perMinute, bucket.tokens + (now - bucket.refilledNanos) * perNano);
            bucket.refilledNanos = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos((long) Math.ceil((1 - bucket.tokens) / perNano)));
        }
    }

    private long nanos() {
        java.time.Instant instant = clock.instant();
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
