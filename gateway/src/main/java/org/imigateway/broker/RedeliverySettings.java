package org.imigateway.broker;

import java.time.Duration;
import java.util.Objects;

/**
 * How the broker redelivers a message whose consumer rolled back: after {@code maxDeliveryAttempts}
 * deliveries it moves the message to {@link Queues#DEAD_LETTER}. The delay before redelivery n (n = 1
 * for the first retry) is {@code redeliveryDelay * multiplier^(n-1)}, capped at {@code maxRedeliveryDelay}.
 *
 * @param maxDeliveryAttempts deliveries in total, the first one included; at least 1
 * @param redeliveryDelay     wait before the first redelivery; zero redelivers at once
 * @param multiplier          growth of the delay per attempt; 1.0 keeps it constant
 * @param maxRedeliveryDelay  upper bound of the delay; not less than {@code redeliveryDelay}
 */
public record RedeliverySettings(int maxDeliveryAttempts, Duration redeliveryDelay, double multiplier,
                                 Duration maxRedeliveryDelay) {

    public RedeliverySettings {
        Objects.requireNonNull(redeliveryDelay, "redeliveryDelay");
        Objects.requireNonNull(maxRedeliveryDelay, "maxRedeliveryDelay");
        if (maxDeliveryAttempts < 1) {
            throw new IllegalArgumentException("maxDeliveryAttempts must be at least 1, was " + maxDeliveryAttempts);
        }
        if (redeliveryDelay.isNegative()) {
            throw new IllegalArgumentException("redeliveryDelay must not be negative, was " + redeliveryDelay);
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be a finite number >= 1.0, was " + multiplier);
        }
        if (maxRedeliveryDelay.compareTo(redeliveryDelay) < 0) {
            throw new IllegalArgumentException("maxRedeliveryDelay " + maxRedeliveryDelay
                    + " is shorter than redeliveryDelay " + redeliveryDelay);
        }
    }

    /** Gateway default: 5 deliveries, waiting 5 s, 10 s, 20 s, 40 s between them (at most 5 min). */
    public static RedeliverySettings defaults() {
        return new RedeliverySettings(5, Duration.ofSeconds(5), 2.0, Duration.ofMinutes(5));
    }
}
