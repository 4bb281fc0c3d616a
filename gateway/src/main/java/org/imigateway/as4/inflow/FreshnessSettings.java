package org.imigateway.as4.inflow;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import org.imigateway.as4.TimestampWindow;
import org.imigateway.config.ConfigException;
import org.imigateway.config.GatewayConfig;
import org.imigateway.pmode.Leg;
import org.imigateway.pmode.RetryPolicy;

/**
 * How fresh a received message must be ({@code gateway.properties}):
 * <pre>
 *   as4.timestamp.clockSkewSeconds=300   how far a sender's clock may run ahead of ours
 *   as4.timestamp.maxAgeSeconds=3600     oldest message accepted, at least
 * </pre>
 * A sender retries with the same signed bytes, so the same timestamps: a leg whose retry
 * window (reception awareness timeout) is longer than {@code maxAgeSeconds} accepts messages
 * as old as that window plus the clock skew, so that the sender's last retry still passes and
 * gets its receipt.
 */
public record FreshnessSettings(Duration clockSkew, Duration maxAge) {

    public static final String CLOCK_SKEW = "as4.timestamp.clockSkewSeconds";
    public static final String MAX_AGE = "as4.timestamp.maxAgeSeconds";
    public static final FreshnessSettings DEFAULT = new FreshnessSettings(Duration.ofMinutes(5), Duration.ofHours(1));

    /** Ten years: longer than any retry window, short enough that Instant arithmetic never overflows. */
    private static final long MOST_SECONDS = 10L * 366 * 24 * 3600;

    public static FreshnessSettings load(Path home) throws ConfigException {
        Properties p = GatewayConfig.properties(home);
        String file = home.resolve(GatewayConfig.FILE).toString();
        return new FreshnessSettings(Duration.ofSeconds(seconds(p, CLOCK_SKEW, DEFAULT.clockSkew(), 0, file)),
                Duration.ofSeconds(seconds(p, MAX_AGE, DEFAULT.maxAge(), 1, file)));
    }

    /** The leg's window: the configured age, or its retry window plus the clock skew when that is longer. */
    public TimestampWindow window(Leg leg) {
        Duration retryWindow = leg.retry().map(RetryPolicy::timeout).map(t -> t.plus(clockSkew)).orElse(Duration.ZERO);
        return new TimestampWindow(retryWindow.compareTo(maxAge) > 0 ? retryWindow : maxAge, clockSkew);
    }

    private static long seconds(Properties p, String key, Duration fallback, long min, String file)
            throws ConfigException {
        String value = p.getProperty(key, Long.toString(fallback.toSeconds())).trim();
        try {
            long seconds = Long.parseLong(value);
            if (seconds < min || seconds > MOST_SECONDS) {
                throw new NumberFormatException();
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw new ConfigException(file + ": " + key + "=" + value + " is not a number of seconds from " + min
                    + " to " + MOST_SECONDS);
        }
    }
}
