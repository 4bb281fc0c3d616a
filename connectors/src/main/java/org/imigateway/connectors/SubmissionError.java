package org.imigateway.connectors;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a submission was refused or its message could not be sent: the ebMS error code, a detail
 * that names the field and value, the backend's submission id and the MessageId when known.
 */
public record SubmissionError(Optional<String> submissionId, Optional<String> messageId, String errorCode,
        String detail, Instant time) {

    public SubmissionError {
        Objects.requireNonNull(submissionId, "submissionId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(errorCode, "errorCode");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(time, "time");
    }

    @Override
    public String toString() {
        return errorCode + ": " + detail;
    }
}
