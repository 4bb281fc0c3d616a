package org.imigateway.connectors.admission;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The body of the 503 a port answers when it is full, in the language of its clients. */
public interface OverloadAnswer {

    String contentType();

    byte[] body(Duration retryAfter);

    static OverloadAnswer plainText() {
        return new OverloadAnswer() {
            @Override
            public String contentType() {
                return "text/plain; charset=UTF-8";
            }

            @Override
            public byte[] body(Duration retryAfter) {
                return ("busy: too many requests in progress; try again in " + retryAfter.toSeconds() + " s\n")
                        .getBytes(StandardCharsets.UTF_8);
            }
        };
    }

    static OverloadAnswer json() {
        return new OverloadAnswer() {
            @Override
            public String contentType() {
                return "application/json";
            }

            @Override
            public byte[] body(Duration retryAfter) {
                return ("{\"error\":\"busy\",\"detail\":\"too many requests in progress\",\"retryAfterSeconds\":"
                        + retryAfter.toSeconds() + "}").getBytes(StandardCharsets.UTF_8);
            }
        };
    }
}
