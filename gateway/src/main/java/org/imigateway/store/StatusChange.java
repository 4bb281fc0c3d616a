package org.imigateway.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One line of a message's status history; {@code from} is empty for the line that created it. */
public record StatusChange(Optional<MessageStatus> from, MessageStatus to, Instant at, String note) {

    public StatusChange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(note, "note");
    }
}
