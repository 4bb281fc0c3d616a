package org.imigateway.as4;

import static org.imigateway.GatewayParts.partsOf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.imigateway.Gateway;
import org.imigateway.TestNetwork;
import org.imigateway.as4.outflow.SendResult;
import org.imigateway.connectors.Submission;
import org.imigateway.connectors.admission.SlowClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Show 2 of issue 18: 200 slow connections against a running gateway's AS4 port, with the
 * default admission rules. Five attacking addresses (127.0.0.2-6) each stay under the per-client
 * connection limit (32) with 10 trickled bodies announcing 1 MiB and 20 trickled headers; a sixth
 * (127.0.0.7) opens 40 connections with trickled headers; a seventh (127.0.0.8) sends 10 bodies
 * announcing 2 GiB. Every attacker sends one byte a second, so the idle timeout never fires. The
 * partner gw-a (127.0.0.1) pings gw-b during the attack.
 */
@Timeout(value = 110, unit = TimeUnit.SECONDS)
class SlowClientsTest {

    private static final int ADDRESSES = 5;
    private static final int BODIES_PER_ADDRESS = 10;
    private static final int HEADERS_PER_ADDRESS = 20;
    private static final int GREEDY_CONNECTIONS = 40;
    private static final int HUGE_BODIES = 10;
    private static final long GIB = 1024L * 1024 * 1024;
    /** The defaults of admission.as4.maxConnectionsPerClient, maxRequestsPerClient and maxRequestBytes. */
    private static final int CONNECTIONS_PER_CLIENT = 32;
    private static final int REQUESTS_PER_CLIENT = 8;
    private static final long REQUEST_BYTES = 4 * GIB;

    @Test
    void aPingIsReceiptedWhileTwoHundredSlowClientsAttackAndTheyAreAllCutOff(@TempDir Path dir) throws Exception {
        try (TestNetwork network = TestNetwork.create(dir.resolve("net"), "gw-a", "gw-b")) {
            attack(network.start("gw-a"), partsOf(network.start("gw-b")).httpPort());
        }
    }

    private static void attack(Gateway partner, int port) throws Exception {
        List<SlowClient> bodies = new ArrayList<>();
        List<SlowClient> headers = new ArrayList<>();
        List<SlowClient> greedy = new ArrayList<>();
        for (int a = 0; a < ADDRESSES; a++) {
            String from = "127.0.0." + (2 + a);
            for (int i = 0; i < BODIES_PER_ADDRESS; i++) {
                bodies.add(SlowClient.connect(from, port).send(bodyStart(1024 * 1024)));
            }
            for (int i = 0; i < HEADERS_PER_ADDRESS; i++) {
                headers.add(SlowClient.connect(from, port).send(partialHeaders()));
            }
        }
        for (int i = 0; i < GREEDY_CONNECTIONS; i++) {
            greedy.add(SlowClient.connect("127.0.0.7", port).send(partialHeaders()));
        }
        List<SlowClient> huge = new ArrayList<>();
        for (int i = 0; i < HUGE_BODIES; i++) {
            huge.add(SlowClient.connect("127.0.0.8", port).send(bodyStart(2 * GIB)));
        }
        List<SlowClient> attack = new ArrayList<>(bodies);
        attack.addAll(headers);
        attack.addAll(greedy);
        attack.addAll(huge);
        assertEquals(200, attack.size());
        Trickler trickler = new Trickler(attack);
        long attackStart = System.nanoTime();
        try {
            Thread.sleep(1_000);

            int greedyRefused = 0;
            for (SlowClient connection : greedy) {
                greedyRefused += connection.closedByServerWithin(Duration.ofMillis(50)) ? 1 : 0;
            }
            assertEquals(GREEDY_CONNECTIONS - CONNECTIONS_PER_CLIENT, greedyRefused,
                    "one address gets its share of connections and no more");

            long pingStart = System.nanoTime();
            SendResult result = partner.send(Submission.to("gw-b")
                    .service(Namespaces.TEST_SERVICE).action(Namespaces.TEST_ACTION).build());
            Duration took = Duration.ofNanos(System.nanoTime() - pingStart);
            assertInstanceOf(SendResult.Acknowledged.class, result, result::toString);
            assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "the ping took " + took);

            // Each of the five addresses had 10 bodies under way and a share of 8 requests: 2 were
            // answered 503 with an ebMS signal at once; the 8 admitted are cut, unanswered, for
            // their rate. Of the 2 GiB bodies, two fill the byte budget and the rest are busy.
            assertEquals(ADDRESSES * (BODIES_PER_ADDRESS - REQUESTS_PER_CLIENT), busyAnswers(bodies));
            assertEquals(HUGE_BODIES - (int) (REQUEST_BYTES / (2 * GIB)), busyAnswers(huge));

            assertTrue(trickler.awaitAllCut(Duration.ofSeconds(40)), () -> trickler.open() + " of 200 slow connections"
                    + " still open " + Duration.ofNanos(System.nanoTime() - attackStart).toSeconds() + " s into the attack");
        } finally {
            trickler.stop();
            for (SlowClient connection : attack) {
                connection.close();
            }
        }
        SendResult after = partner.send(Submission.to("gw-b")
                .service(Namespaces.TEST_SERVICE).action(Namespaces.TEST_ACTION).build());
        assertInstanceOf(SendResult.Acknowledged.class, after, after::toString);
    }

    /**
     * Counts the connections answered 503 busy with an ebMS signal; the others must have been cut
     * without an answer (the wait is longer than the rate grace).
     */
    private static int busyAnswers(List<SlowClient> connections) throws IOException {
        int busy = 0;
        for (SlowClient connection : connections) {
            String answer = connection.answer(Duration.ofSeconds(30));
            if (!answer.isEmpty()) {
                assertTrue(answer.startsWith("HTTP/1.1 503"), answer);
                assertTrue(answer.contains("Retry-After: 10"), answer);
                assertTrue(answer.contains("EBMS:0004") && answer.contains("send it again"), answer);
                busy++;
            }
        }
        return busy;
    }

    /** An AS4 message whose SOAP part has begun; its element name then grows a byte a second. */
    private static String bodyStart(long announced) {
        return SlowClient.postHeaders("/as4", "multipart/related; boundary=\"b\"; type=\"application/soap+xml\";"
                + " start=\"<root>\"", announced) + "--b\r\nContent-Type: application/soap+xml\r\n"
                + "Content-ID: <root>\r\n\r\n<S12:Envelope xmlns:S12=\"http://www.w3.org/2003/05/soap-envelope\"><S12:Header><a";
    }

    private static String partialHeaders() {
        return "POST /as4 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
    }

    /** Sends one byte a second on every connection still open, as the attackers of the issue did. */
    private static final class Trickler {
        private final Set<SlowClient> open = ConcurrentHashMap.newKeySet();
        private final Thread thread;

        Trickler(List<SlowClient> connections) {
            open.addAll(connections);
            thread = new Thread(this::run, "trickler");
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            try {
                while (!open.isEmpty()) {
                    // A write after the server closed is answered with a reset; the next one fails.
                    open.removeIf(connection -> !connection.trickle());
                    Thread.sleep(1_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        int open() {
            return open.size();
        }

        boolean awaitAllCut(Duration wait) throws InterruptedException {
            thread.join(wait.toMillis());
            return open.isEmpty();
        }

        void stop() throws IOException {
            thread.interrupt();
        }
    }
}
