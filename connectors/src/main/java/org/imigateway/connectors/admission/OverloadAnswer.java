package org.imigateway.connectors.admission;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.LongFunction;

/** The body of the 503 a port answers when it is full, in the language of its clients. */
public interface OverloadAnswer {

    String contentType();

    byte[] body(Duration retryAfter);

    static OverloadAnswer plainText() {
        return of("text/plain; charset=UTF-8",
                seconds -> "busy: too many requests in progress; try again in " + seconds + " s\n");
    }

    static OverloadAnswer json() {
        return of("application/json", seconds -> "{\"error\":\"busy\",\"detail\":\"too many requests in progress\","
                + "\"retryAfterSeconds\":" + seconds + "}");
    }

    /** A text answer, given the Retry-After in seconds. */
    private static OverloadAnswer of(String contentType, LongFunction<String> text) {
        return new OverloadAnswer() {
            @Override
            public String contentType() {
                return contentType;
            }

            @Override
            public byte[] body(Duration retryAfter) {
                return text.apply(retryAfter.toSeconds()).getBytes(StandardCharsets.UTF_8);
            }
        };
    }
}
