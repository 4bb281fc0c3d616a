package org.imigateway.connectors.admission;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;

/** The body of the 503 a port answers when it is full, in the language of its clients. */
public interface OverloadAnswer {

    String contentType();

    byte[] body(Duration retryAfter);

    static OverloadAnswer plainText() {
        return of("text/plain; charset=UTF-8",
                retryAfter -> "busy: too many requests in progress; try again in " + retryAfter.toSeconds() + " s\n");
    }

    /** A text answer of {@code contentType}, written for the Retry-After it announces. */
    static OverloadAnswer of(String contentType, Function<Duration, String> text) {
        return new OverloadAnswer() {
            @Override
            public String contentType() {
                return contentType;
            }

            @Override
            public byte[] body(Duration retryAfter) {
                return text.apply(retryAfter).getBytes(StandardCharsets.UTF_8);
            }
        };
    }
}
