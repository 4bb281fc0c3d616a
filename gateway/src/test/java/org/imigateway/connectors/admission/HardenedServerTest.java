package org.imigateway.connectors.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The admission rules of a port, on a real Jetty whose handler reads bodies the blocking way As4Endpoint does. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HardenedServerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private HardenedServer hardened;
    private int port;
    private final List<SlowClient> clients = new ArrayList<>();
    /** What the last body read ended with: the byte count, or the failure that woke the reader. */
    private volatile CompletableFuture<Long> lastRead = new CompletableFuture<>();
    /** How long the handler works on a body after reading it whole, as the AS4 endpoint's checks do. */
    private volatile Duration workAfterRead = Duration.ZERO;

    @AfterEach
    void stop() throws Exception {
        for (SlowClient client : clients) {
            client.close();
        }
        if (hardened != null) {
            hardened.server().stop();
        }
    }

    @Test
    void requestsOverTheLimitAreAnswered503WithRetryAfterAtOnce() throws Exception {
        start(new AdmissionSettings(16, 100, 10, 2, 2, 1L << 40, Duration.ofSeconds(30), Duration.ofSeconds(10), 1024,
                Duration.ofSeconds(30), Duration.ofSeconds(7)));
        SlowClient first = client("127.0.0.2").send(SlowClient.postHeaders("/", 100));
        SlowClient second = client("127.0.0.3").send(SlowClient.postHeaders("/", 100));
        Thread.sleep(300);

        String refused = client("127.0.0.4").send(SlowClient.postHeaders("/", 5) + "hello").answer(WAIT);
        assertTrue(refused.startsWith("HTTP/1.1 503"), refused);
        assertTrue(refused.contains("Retry-After: 7"), refused);
        assertTrue(refused.contains("try again in 7 s"), refused);

        first.close();
        second.close();
        Thread.sleep(300);
        assertTrue(post("127.0.0.4", "hello").startsWith("HTTP/1.1 200"), "the places are given back when requests end");
    }

    @Test
    void announcedBytesOfLargeRequestsInProgressAreBounded() throws Exception {
        // 1000 bytes for 5 places: a request announcing up to 200 is bounded by the count alone.
        start(new AdmissionSettings(16, 100, 10, 5, 5, 1000, Duration.ofSeconds(30), Duration.ofSeconds(10), 1024,
                Duration.ofSeconds(30), Duration.ofSeconds(10)));
        client("127.0.0.2").send(SlowClient.postHeaders("/", 600));
        client("127.0.0.3").send(SlowClient.postHeaders("/", 400));
        Thread.sleep(300);

        assertTrue(post("127.0.0.4", "x".repeat(201)).startsWith("HTTP/1.1 503"), "the budget is spent");
        assertTrue(post("127.0.0.4", "y".repeat(200)).startsWith("HTTP/1.1 200"),
                "announcing gigabytes never sent cannot keep ordinary requests out");
    }

    @Test
    void oneLargeRequestOverTheWholeBudgetIsTakenAlone() throws Exception {
        start(new AdmissionSettings(16, 100, 10, 5, 5, 1000, Duration.ofSeconds(30), Duration.ofSeconds(10), 1024,
                Duration.ofSeconds(30), Duration.ofSeconds(10)));

        assertTrue(post("127.0.0.2", "z".repeat(1500)).startsWith("HTTP/1.1 200"), "its size is the endpoint's to judge");
    }

    @Test
    void oneClientGetsItsShareOfRequestsAndNoMore() throws Exception {
        start(new AdmissionSettings(16, 100, 10, 5, 1, 1L << 40, Duration.ofSeconds(30), Duration.ofSeconds(10), 1024,
                Duration.ofSeconds(30), Duration.ofSeconds(10)));
        client("127.0.0.2").send(SlowClient.postHeaders("/", 100));
        Thread.sleep(300);

        assertTrue(post("127.0.0.2", "again").startsWith("HTTP/1.1 503"), "a second request of the same client");
        assertTrue(post("127.0.0.3", "other").startsWith("HTTP/1.1 200"), "another client");
    }

    @Test
    void oneClientGetsItsShareOfConnectionsAndNoMore() throws Exception {
        start(new AdmissionSettings(16, 100, 3, 5, 5, 1L << 40, Duration.ofSeconds(30), Duration.ofSeconds(10), 1024,
                Duration.ofSeconds(30), Duration.ofSeconds(10)));
        List<SlowClient> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(client("127.0.0.5"));
        }
        Thread.sleep(1_000);

        // Jetty opens accepted connections in parallel, so which two are closed is not fixed.
        int closed = 0;
        for (SlowClient connection : five) {
            closed += connection.closedByServerWithin(Duration.ofMillis(200)) ? 1 : 0;
        }
        assertEquals(2, closed, "five connections of one client, three allowed");
        assertTrue(post("127.0.0.6", "other").startsWith("HTTP/1.1 200"), "another client is served");
    }

    @Test
    void connectionsThatEndAreGivenBackToTheirClient() throws Exception {
        start(new AdmissionSettings(16, 100, 3, 5, 5, 1L << 40, Duration.ofSeconds(30), Duration.ofSeconds(10), 1024,
                Duration.ofSeconds(30), Duration.ofSeconds(10)));
        for (int i = 0; i < 12; i++) {
            try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port,
                    java.net.InetAddress.getByName("127.0.0.7"), 0)) {
                socket.setSoTimeout((int) WAIT.toMillis());
                socket.getOutputStream().write((SlowClient.postHeaders("/", 2) + "hi")
                        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                byte[] answer = new byte[12];
                int n = socket.getInputStream().readNBytes(answer, 0, answer.length);
                assertEquals("HTTP/1.1 200", new String(answer, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1),
                        "connection " + (i + 1) + " of a client that closes each one, three allowed at a time");
                if (i % 2 == 1) {
                    socket.setSoLinger(true, 0); // ends with a reset, as a client that gives up does
                }
            }
            Thread.sleep(50);
        }
    }

    @Test
    void trickledHeadersAreCutAtTheHeaderTimeout() throws Exception {
        start(new AdmissionSettings(16, 100, 10, 5, 5, 1L << 40, Duration.ofSeconds(30), Duration.ofSeconds(1), 1024,
                Duration.ofSeconds(30), Duration.ofSeconds(10)));
        SlowClient trickler = client("127.0.0.2").send("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
        Thread feeder = trickleInBackground(trickler, 100);

        assertTrue(trickler.closedByServerWithin(WAIT), "a byte every 100 ms never trips the idle timeout");
        feeder.interrupt();
    }

    @Test
    void aTrickledBodyIsCutAndItsWorkerThreadWokenWithAFailure() throws Exception {
        start(new AdmissionSettings(16, 100, 10, 1, 1, 1L << 40, Duration.ofSeconds(30), Duration.ofSeconds(10), 1024,
                Duration.ofSeconds(1), Duration.ofSeconds(10)));
        SlowClient trickler = client("127.0.0.2").send(SlowClient.postHeaders("/", 2L * 1024 * 1024 * 1024));
        Thread feeder = trickleInBackground(trickler, 100);

        assertTrue(trickler.closedByServerWithin(WAIT), "10 bytes/s is under the minimum rate");
        CompletableFuture<Long> read = lastRead;
        assertTrue(read.handle((n, e) -> e != null).get(5, TimeUnit.SECONDS), "the blocked reader gets a failure");
        feeder.interrupt();
        Thread.sleep(300);
        assertTrue(post("127.0.0.2", "after").startsWith("HTTP/1.1 200"), "its place is free again");
    }

    @Test
    void aBodyThatComesAtOnceIsReadWhole() throws Exception {
        start(AdmissionSettings.of(16, 100, 10, 5, 5, 1L << 30));
        String body = "z".repeat(200_000);

        String answer = post("127.0.0.2", body);

        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        assertTrue(answer.endsWith("read 200000"), answer);
    }

    @Test
    void aLongCheckAfterTheWholeBodyIsAnsweredNotCutByTheIdleTimeout() throws Exception {
        // An AS4 port checking a 2 GiB message works for minutes after the last byte came; the sender waits.
        start(new AdmissionSettings(16, 100, 10, 5, 5, 1L << 40, Duration.ofSeconds(1), Duration.ofSeconds(10), 1024,
                Duration.ofSeconds(30), Duration.ofSeconds(10)));
        workAfterRead = Duration.ofMillis(3_500);

        String answer = post("127.0.0.2", "checked slowly");

        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        assertTrue(answer.endsWith("read 14"), answer);
    }

    @Test
    void aBodyThatStopsComingIsStillCutAtTheIdleTimeout() throws Exception {
        start(new AdmissionSettings(16, 100, 10, 5, 5, 1L << 40, Duration.ofSeconds(1), Duration.ofSeconds(10), 1024,
                Duration.ofSeconds(30), Duration.ofSeconds(10)));
        SlowClient stalled = client("127.0.0.2").send(SlowClient.postHeaders("/", 100) + "ten bytes.");

        assertTrue(stalled.closedByServerWithin(WAIT), "nothing moves for longer than the idle timeout");
        CompletableFuture<Long> read = lastRead;
        assertTrue(read.handle((n, e) -> e != null).get(5, TimeUnit.SECONDS), "the blocked reader gets a failure");
    }

    private void start(AdmissionSettings settings) throws Exception {
        hardened = HardenedServer.create("test-port", settings);
        ServerConnector connector = hardened.connector("127.0.0.1", 0, Optional.empty());
        hardened.handler(new BlockingReader(), OverloadAnswer.plainText());
        hardened.server().start();
        port = connector.getLocalPort();
    }

    private SlowClient client(String from) throws IOException {
        SlowClient client = SlowClient.connect(from, port);
        clients.add(client);
        return client;
    }

    private String post(String from, String body) throws IOException {
        return client(from).send(SlowClient.postHeaders("/", body.length()) + body).answer(WAIT);
    }

    private static Thread trickleInBackground(SlowClient client, long millis) {
        Thread feeder = new Thread(() -> {
            try {
                while (client.trickle()) {
                    Thread.sleep(millis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "trickler");
        feeder.setDaemon(true);
        feeder.start();
        return feeder;
    }

    /** Reads the body with a blocking stream in the worker thread, as As4Endpoint does. */
    private final class BlockingReader extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            CompletableFuture<Long> read = new CompletableFuture<>();
            lastRead = read;
            long n = 0;
            try (InputStream body = Content.Source.asInputStream(request)) {
                // as a MIME parser does, up to the announced length and not on to the end of the stream
                long length = request.getLength();
                while ((length < 0 || n < length) && body.read() >= 0) {
                    n++;
                }
                read.complete(n);
                Thread.sleep(workAfterRead.toMillis()); // the checks run with the stream still open
            } catch (IOException e) {
                read.completeExceptionally(e);
                throw e;
            }
            response.write(true, ByteBuffer.wrap(("read " + n).getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }
    }
}
