package org.imigateway.as4.outflow;

import java.time.Duration;
import java.util.Optional;

import org.imigateway.as4.EbmsError;

/** How one send attempt ended. */
public sealed interface SendResult {

    String messageId();

    /** The receiver answered with a receipt that verified: the message is ACKNOWLEDGED. */
    record Acknowledged(String messageId, byte[] receipt) implements SendResult {
    }

    /**
     * The message was not acknowledged. {@code retryable} is true for failures that a later
     * attempt may overcome (connection refused, time-out, HTTP 5xx without an ebMS error);
     * {@code retryAfter}: how long the receiver asked us to wait before the next attempt.
     */
    record Failed(String messageId, EbmsError error, boolean retryable, Optional<Duration> retryAfter)
            implements SendResult {

        public Failed(String messageId, EbmsError error, boolean retryable) {
            this(messageId, error, retryable, Optional.empty());
        }
    }
}
