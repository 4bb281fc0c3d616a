package org.imigateway.cooperation.publicapi;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.imigateway.connectors.admission.OverloadAnswer;

/**
 * The JSON bodies of the public interface, written by Jackson from the records below. Their
 * shapes are the schemas of {@code docs/public-interface.openapi.yaml}; the field order is kept
 * as the first clients saw it.
 */
final class JsonAnswer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonAnswer() {
    }

    @JsonPropertyOrder({"status", "trackingId"})
    record Accepted(String status, String trackingId) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"trackingId", "status", "authority", "country", "reason"})
    record Status(String trackingId, String status, String authority, String country, String reason) {
    }

    /** A refusal; for a document that breaks its schema, where (the first problem's line, column and field) and every problem. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"error", "detail", "line", "column", "field", "problems"})
    record Refusal(String error, String detail, Integer line, Integer column, String field, List<Problem> problems) {
    }

    @JsonPropertyOrder({"line", "column", "field", "detail"})
    record Problem(int line, int column, String field, String detail) {
    }

    @JsonPropertyOrder({"error", "detail", "retryAfterSeconds"})
    record Busy(String error, String detail, long retryAfterSeconds) {
    }

    static String accepted(String trackingId) {
        return write(new Accepted(SubmissionStatus.State.RECEIVED.name(), trackingId));
    }

    static String status(SubmissionStatus status) {
        return write(new Status(status.trackingId(), status.state().name(), status.authority(), status.country(),
                status.reason().orElse(null)));
    }

    static String error(String error, String detail) {
        return error(error, detail, List.of());
    }

    static String error(String error, String detail, List<SubmissionCheck.Problem> problems) {
        if (problems.isEmpty()) {
            return write(new Refusal(error, detail, null, null, null, null));
        }
        SubmissionCheck.Problem first = problems.get(0);
        boolean located = first.line() > 0;
        return write(new Refusal(error, detail, located ? first.line() : null, located ? first.column() : null,
                first.field(), problems.stream().map(p -> new Problem(p.line(), p.column(), p.field(), p.detail())).toList()));
    }

    /** The 503 of a full port, in the same shape as every other refusal of the interface. */
    static OverloadAnswer busy() {
        return OverloadAnswer.of("application/json", (Duration retryAfter) -> write(new Busy("busy",
                "too many requests in progress", retryAfter.toSeconds())));
    }

    private static String write(Object answer) {
        try {
            return JSON.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a record of strings and numbers always writes", e);
        }
    }
}
