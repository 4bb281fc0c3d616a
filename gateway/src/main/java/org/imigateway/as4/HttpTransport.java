package org.imigateway.as4;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/** Posts AS4 messages over HTTP or HTTPS and returns the synchronous response (One-Way/Push). */
public final class HttpTransport {

    /** What came back: status, Content-Type and body (a receipt or error signal is small). */
    public record Response(int status, String contentType, byte[] body) {
    }

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
                response.body());
    }
}
