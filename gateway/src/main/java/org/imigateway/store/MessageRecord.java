package org.imigateway.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of the message log: the header, where the message stands, and for outbound messages
 * the body that retries re-POST. {@code attempts} counts POSTs made; {@code error*} describe the
 * last failure while it is current.
 */
public record MessageRecord(
        MessageHeader header,
        Direction direction,
        boolean ping,
        MessageStatus status,
        Instant created,
        Instant updated,
        int attempts,
        Optional<Instant> nextAttempt,
        Optional<String> errorCode,
        Optional<String> errorDetail,
        Optional<MimeBody> body) {

    public MessageRecord {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(updated, "updated");
        Objects.requireNonNull(nextAttempt, "nextAttempt");
        Objects.requireNonNull(errorCode, "errorCode");
        Objects.requireNonNull(errorDetail, "errorDetail");
        Objects.requireNonNull(body, "body");
    }

    public String messageId() {
        return header.messageId();
    }
}
