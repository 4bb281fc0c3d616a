package org.imigateway.as4.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A fake receiver in front of a real one: it forwards each AS4 request to the real gateway and
 * hands back that gateway's answer after passing it through {@link #tamper}. The sender sees
 * an endpoint that received its message and answered with a receipt someone has tampered with.
 */
final class TamperingReceiver implements AutoCloseable {

    /** An HTTP answer as the sender will read it. */
    record Answer(int status, String contentType, byte[] body) {
    }

    private final HttpServer server;
    private final URI target;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final AtomicReference<UnaryOperator<Answer>> tampering = new AtomicReference<>(UnaryOperator.identity());

    TamperingReceiver(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/as4", this::forward);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/as4";
    }

    /** What to do to the real gateway's answers from now on. */
    void tamper(UnaryOperator<Answer> change) {
        tampering.set(change);
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] request;
            try (InputStream in = exchange.getRequestBody()) {
                request = in.readAllBytes();
            }
            Answer answer = tampering.get().apply(post(exchange.getRequestHeaders().getFirst("Content-Type"), request));
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        }
    }

    private Answer post(String contentType, byte[] request) throws IOException {
        try {
            HttpResponse<byte[]> real = http.send(HttpRequest.newBuilder(target).header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(real.statusCode(), real.headers().firstValue("Content-Type").orElse(""), real.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
