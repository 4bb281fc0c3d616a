package org.imigateway.connectors;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a message stands, as a backend sees it: its MessageId, the direction seen from the
 * gateway ({@code OUTBOUND} for what the backend sent), the status name (SEND_ENQUEUED,
 * WAITING_FOR_RETRY, ACKNOWLEDGED, SEND_FAILURE, RECEIVED, DELIVERED, DOWNLOADED) and the
 * last error while there is one.
 */
public record MessageState(String messageId, String direction, String status, Optional<SubmissionError> error) {

    public MessageState {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(error, "error");
    }
}
