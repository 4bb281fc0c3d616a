package org.imigateway.route;

import static org.imigateway.GatewayParts.partsOf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.builder.AdviceWith;
import org.imigateway.Gateway;
import org.imigateway.TestNetwork;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.config.GatewayConfig;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;
import org.imigateway.store.Direction;
import org.imigateway.store.MessageRecord;
import org.imigateway.store.MessageStatus;
import org.imigateway.store.StatusChange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Show 4 of issue 18, in one JVM: an Error in the delivery consumer of a running gateway leaves the
 * message rolled back, the route is stopped and started again by {@link RouteSupervisor}, /health says
 * DOWN naming the route meanwhile, and the message is delivered exactly once.
 */
class ConsumerRestartTest {

    /** Thrown by the test only: an Error no production code throws. */
    private static final class InjectedError extends Error {
        InjectedError() {
            super("injected into the delivery consumer by the test");
        }
    }

    @TempDir
    static Path dir;
    static TestNetwork network;

    @BeforeAll
    static void start() throws Exception {
        network = TestNetwork.create(dir.resolve("net"), "gw-a", "gw-b");
        Path properties = network.plan().home("gw-b").resolve(GatewayConfig.FILE);
        Files.writeString(properties, Files.readString(properties) + "\nadmin.port=0\n");
        network.start("gw-a");
        network.start("gw-b");
    }

    @AfterAll
    static void stop() {
        network.close();
    }

    @Test
    @Timeout(300)
    void errorInDeliveryConsumerRestartsTheRouteReportsDownAndDeliversOnce() throws Exception {
        Gateway a = network.gateway("gw-a");
        Gateway b = network.gateway("gw-b");
        assertEquals(200, health(b).statusCode(), health(b).body());
        AtomicInteger attempts = new AtomicInteger();
        AdviceWith.adviceWith(partsOf(b).camel(), "deliver-" + GatewayRoutes.DEFAULT_BACKEND, route -> route
                .weaveById("deliverToBackend").before().process(exchange -> {
                    if (attempts.incrementAndGet() == 1) {
                        throw new InjectedError();
                    }
                }));
        assertEquals(200, health(b).statusCode(), "the advised route is running again: " + health(b).body());

        Path note = Files.writeString(dir.resolve("note.xml"), "<note xmlns=\"urn:test\">heal</note>", StandardCharsets.UTF_8);
        String id = a.submit(Submission.to("gw-b").service(DemoNetwork.SERVICE, DemoNetwork.SERVICE_TYPE)
                .action(DemoNetwork.ACTION).payload(Payload.of(note, "application/xml")).build());
        assertEquals(MessageStatus.ACKNOWLEDGED, a.awaitOutcome(id, Duration.ofSeconds(90)).status());

        // /health is polled until the message is delivered; the DOWN answers must name the stopped route.
        List<String> downAnswers = new CopyOnWriteArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (partsOf(b).messageLog().find(id, Direction.INBOUND).map(MessageRecord::status).orElse(null) != MessageStatus.DELIVERED) {
            assertTrue(System.nanoTime() < deadline, "not delivered within 120 s; health said " + health(b).body());
            HttpResponse<String> answer = health(b);
            if (answer.statusCode() == 503) {
                downAnswers.add(answer.body());
            }
            Thread.sleep(50);
        }
        assertTrue(attempts.get() >= 2, "the first attempt failed, a later one delivered: " + attempts.get());
        assertTrue(!downAnswers.isEmpty(), "/health never said DOWN while the delivery route was restarting");
        assertTrue(downAnswers.get(0).contains("\"routes\":{\"status\":\"DOWN\"")
                && downAnswers.get(0).contains("route deliver-default"), downAnswers.get(0));

        TestNetwork.awaitDelivered(b, id);
        List<StatusChange> history = partsOf(b).messageLog().history(id, Direction.INBOUND);
        assertEquals(1, history.stream().filter(c -> c.to() == MessageStatus.DELIVERED).count(), history.toString());
        assertEquals(1, b.inbox().messages().size(), "one folder in the backend's inbox");
        awaitHealthUp(b);
    }

    private static void awaitHealthUp(Gateway gateway) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        HttpResponse<String> answer = health(gateway);
        while (answer.statusCode() != 200) {
            assertTrue(System.nanoTime() < deadline, "/health stays DOWN after the restart: " + answer.body());
            Thread.sleep(100);
            answer = health(gateway);
        }
    }

    /** One client, so the polls reuse a connection as a monitor would (the admin port limits connections per client). */
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> health(Gateway gateway) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.adminPort() + "/health")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
