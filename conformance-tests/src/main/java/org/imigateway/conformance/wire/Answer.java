package org.imigateway.conformance.wire;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** What came back over HTTP: status, headers and body, or the transport failure instead. */
public record Answer(int status, Map<String, List<String>> headers, byte[] body, String transportFailure) {

    public Answer {
        headers = Map.copyOf(headers);
    }

    public static Answer failed(String why) {
        return new Answer(0, Map.of(), new byte[0], why);
    }

    public boolean reached() {
        return transportFailure.isEmpty();
    }

    public String contentType() {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Content-Type"))
                .flatMap(e -> e.getValue().stream()).findFirst().orElse("");
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
