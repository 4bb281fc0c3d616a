package org.imigateway.conformance.listen;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.imigateway.conformance.wire.Identity;
import org.imigateway.conformance.wire.Inspection;
import org.imigateway.conformance.wire.Inspector;
import org.imigateway.conformance.wire.MimeParts;
import org.imigateway.conformance.wire.ReceiptWriter;

/**
 * The suite as a receiver, for the cases where the target sends: an HTTP endpoint that reads
 * each message (decrypt, verify, gunzip), answers it as the current case wants, and queues it
 * for the case to judge. The JDK's own HTTP server is enough for one sender at a time.
 */
public final class Listener implements AutoCloseable {

    private static final int LARGEST_MESSAGE = 64 * 1024 * 1024;

    private final HttpServer server;
    private final Inspector inspector;
    private final Identity signer;
    private final BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
    private final Set<String> seen = new HashSet<>();
    private volatile Reply answer = Reply.RECEIPT;

    public Listener(String host, int port, Inspector inspector, Identity signer) throws IOException {
        this.inspector = inspector;
        this.signer = signer;
        this.server = HttpServer.create(new InetSocketAddress(host, port), 16);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Sets how new messages are answered and forgets what arrived before, so the case judges only its own messages. */
    public void expect(Reply next) {
        this.answer = next;
        arrivals.clear();
    }

    /** The next message that arrives, or empty when none came within {@code wait}. */
    public Optional<Arrival> next(Duration wait) throws InterruptedException {
        return Optional.ofNullable(arrivals.poll(wait.toMillis(), TimeUnit.MILLISECONDS));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, "text/plain", "AS4 messages are POSTed".getBytes(StandardCharsets.UTF_8));
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(LARGEST_MESSAGE);
            }
            String contentType = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")).orElse("");
            Optional<Inspection> inspection;
            String unreadable = "";
            try {
                inspection = Optional.of(inspector.inspect(contentType, body));
            } catch (MimeParts.MalformedMime | IOException | RuntimeException e) {
                inspection = Optional.empty();
                unreadable = e.getMessage();
            }
            int status;
            byte[] reply;
            String type = "application/soap+xml; charset=UTF-8";
            Optional<String> messageId = inspection.flatMap(Inspection::messageId);
            boolean firstTime;
            synchronized (seen) {
                firstTime = messageId.isPresent() && seen.add(messageId.get());
            }
            if (messageId.isEmpty()) {
                status = 400;
                type = "text/plain";
                reply = ("the suite could not read this message: " + unreadable).getBytes(StandardCharsets.UTF_8);
            } else if (answer == Reply.WITHHOLD_RECEIPT || answer == Reply.UNAVAILABLE_FIRST && firstTime) {
                status = 503;
                type = "text/plain";
                reply = ("the conformance suite withholds the receipt of " + (answer == Reply.WITHHOLD_RECEIPT
                        ? "every transmission" : "the first transmission")).getBytes(StandardCharsets.UTF_8);
            } else {
                status = 200;
                reply = ReceiptWriter.receipt(messageId.get(), inspection.get().signatureReferences(), signer);
            }
            // the reply goes out before a case may see the arrival: a case that ends the run on it
            // closes this listener, which would otherwise cut the receipt off on its way to the target
            try {
                respond(exchange, status, type, reply);
            } finally {
                arrivals.add(new Arrival(exchange.getRequestHeaders(), inspection, unreadable, status,
                        new String(reply, StandardCharsets.UTF_8)));
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
