package org.imigateway.as4;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Posts AS4 messages over HTTP or HTTPS and returns the synchronous response (One-Way/Push). */
public final class HttpTransport {

    /**
     * What came back: status, Content-Type and body (a receipt or error signal is small), and
     * how long the receiver asked to be left alone (its {@code Retry-After}, with a 503 or 429).
     */
    public record Response(int status, String contentType, byte[] body, Optional<Duration> retryAfter) {

        public Response(int status, String contentType, byte[] body) {
            this(status, contentType, body, Optional.empty());
        }
    }

    /** The longest wait a receiver's Retry-After is taken for; beyond it, our own schedule decides. */
    static final Duration LONGEST_RETRY_AFTER = Duration.ofHours(1);

    private final HttpClient client;
    private final Duration timeout;

    public HttpTransport(TlsSettings tls, Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .sslContext(tls.sslContext())
                .sslParameters(tls.parameters())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public Response post(URI endpoint, String contentType, Path body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", contentType)
                .header("MIME-Version", "1.0")
                .POST(HttpRequest.BodyPublishers.ofFile(body))
                .build();
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body(), response.headers().firstValue("Retry-After").flatMap(v -> retryAfter(v, Instant.now())));
    }

    /**
     * A Retry-After value (RFC 9110 10.2.3: seconds, or an HTTP date) as a wait from {@code now};
     * empty when it is neither, or not in the future, and at most {@link #LONGEST_RETRY_AFTER}.
     */
    static Optional<Duration> retryAfter(String value, Instant now) {
        String v = value.trim();
        Duration wait;
        try {
            wait = v.chars().allMatch(Character::isDigit) && !v.isEmpty() && v.length() < 10
                    ? Duration.ofSeconds(Long.parseLong(v))
                    : Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        if (wait.isNegative() || wait.isZero()) {
            return Optional.empty();
        }
        return Optional.of(wait.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : wait);
    }
}
