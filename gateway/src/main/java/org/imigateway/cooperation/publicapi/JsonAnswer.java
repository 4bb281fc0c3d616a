package org.imigateway.cooperation.publicapi;

import java.util.List;
import java.util.Map;

import org.imigateway.cooperation.json.JsonString;

/** The JSON bodies of the public interface, written by hand: a handful of flat objects needs no library. */
final class JsonAnswer {

    private JsonAnswer() {
    }

    static String accepted(String trackingId) {
        return object(Map.of("trackingId", trackingId, "status", SubmissionStatus.State.RECEIVED.name()));
    }

    static String status(SubmissionStatus status) {
        StringBuilder json = new StringBuilder("{\"trackingId\":").append(quote(status.trackingId()))
                .append(",\"status\":").append(quote(status.state().name()))
                .append(",\"authority\":").append(quote(status.authority()))
                .append(",\"country\":").append(quote(status.country()));
        status.reason().ifPresent(r -> json.append(",\"reason\":").append(quote(r)));
        return json.append('}').toString();
    }

    static String error(String error, String detail) {
        return error(error, detail, List.of());
    }

    /** {@code {"error":..,"detail":..,"problems":[{"line":..,"column":..,"field":..,"detail":..}]}} */
    static String error(String error, String detail, List<SubmissionCheck.Problem> problems) {
        StringBuilder json = new StringBuilder("{\"error\":").append(quote(error)).append(",\"detail\":").append(quote(detail));
        if (!problems.isEmpty()) {
            SubmissionCheck.Problem first = problems.get(0);
            if (first.line() > 0) {
                json.append(",\"line\":").append(first.line()).append(",\"column\":").append(first.column());
            }
            json.append(",\"field\":").append(quote(first.field())).append(",\"problems\":[");
            for (int i = 0; i < problems.size(); i++) {
                SubmissionCheck.Problem p = problems.get(i);
                json.append(i == 0 ? "" : ",").append("{\"line\":").append(p.line()).append(",\"column\":").append(p.column())
                        .append(",\"field\":").append(quote(p.field())).append(",\"detail\":").append(quote(p.detail()))
                        .append('}');
            }
            json.append(']');
        }
        return json.append('}').toString();
    }

    private static String object(Map<String, String> fields) {
        StringBuilder json = new StringBuilder("{");
        fields.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> json.append(json.length() > 1 ? "," : "")
                .append(quote(e.getKey())).append(':').append(quote(e.getValue())));
        return json.append('}').toString();
    }

    static String quote(String value) {
        return JsonString.quote(value);
    }
}
