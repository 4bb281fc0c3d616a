package org.imigateway.port;

import java.util.Optional;

/** Where a message the hub submitted stands, as the access point's message log says. */
@FunctionalInterface
public interface SentMessages {

    /** How far a sent message got. */
    enum Progress {
        /** queued, being sent or waiting for a retry */
        UNDER_WAY,
        /** the receiver's access point returned a valid receipt */
        ACKNOWLEDGED,
        /** refused by the receiver, or retries spent */
        FAILED
    }

    /** A sent message: its progress and, when it failed, the ebMS error code and detail. */
    record Sent(Progress progress, Optional<String> errorCode, Optional<String> errorDetail) {
    }

    /** The outbound message with this MessageId, when the log has it. */
    Optional<Sent> find(String messageId);
}
