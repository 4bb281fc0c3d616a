package org.imigateway.route;

import static org.imigateway.GatewayParts.partsOf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.imigateway.Gateway;
import org.imigateway.TestNetwork;
import org.imigateway.as4.outflow.PreparedMessage;
import org.imigateway.as4.outflow.SendResult;
import org.imigateway.broker.Brokers;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.store.Direction;
import org.imigateway.store.MessageStatus;
import org.imigateway.store.StatusChange;
import org.imigateway.testsupport.Await;
import org.imigateway.testsupport.GatewayHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker whose disk is above its max-disk-usage holds producers without an error. The receiving
 * gateway keeps the message, answers the sender a temporary error instead of holding its request,
 * says DOWN on /health and 1 in imi_broker_blocked, answers the sender's retry with the receipt,
 * and delivers the message once when its broker takes messages again. The full disk is a
 * {@code broker.maxDiskUsage} of 1 %.
 */
class BrokerDiskFullTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    @Timeout(300)
    void aReceiverWhoseBrokerTakesNothingAnswersTemporaryAndDeliversOnceLater() throws Exception {
        FileStore disk = Files.getFileStore(dir);
        assumeTrue(disk.getUsableSpace() < disk.getTotalSpace() * 0.98, "the test's disk is more than 1 % used");
        try (TestNetwork network = TestNetwork.create(dir.resolve("net"), "gw-a", "gw-b")) {
            GatewayHome home = GatewayHome.at(network.plan().home("gw-b"));
            home.appendProperties(Brokers.MAX_DISK_USAGE + "=1", "admin.port=0");
            Gateway a = network.start("gw-a");
            Gateway b = network.start("gw-b");
            // The broker looks at its disk every 5 s.
            Await.until("gw-b's /health names the broker's full disk", Duration.ofSeconds(60),
                    () -> health(b).body().contains("takes no messages"));
            HttpResponse<String> down = health(b);
            assertEquals(503, down.statusCode(), down.body());
            assertTrue(down.body().contains("\"broker\":{\"status\":\"DOWN\"") && down.body().contains("broker.maxDiskUsage"),
                    down.body());
            String metrics = get(b, "/metrics").body();
            assertTrue(metrics.contains("imi_broker_blocked{gateway=\"gw-b\"} 1.0"), metrics);

            Path note = Files.writeString(dir.resolve("note.xml"), "<note xmlns=\"urn:test\">full</note>", StandardCharsets.UTF_8);
            PreparedMessage prepared = a.sender().prepare(Submission.to("gw-b")
                    .service(DemoNetwork.SERVICE, DemoNetwork.SERVICE_TYPE).action(DemoNetwork.ACTION)
                    .payload(Payload.of(note, "application/xml")).build(), a.sender().newWorkDir());
            String id = prepared.messageId();
            SendResult first = a.sender().transmit(prepared);
            SendResult.Failed refused = assertInstanceOf(SendResult.Failed.class, first, first::toString);
            assertEquals("EBMS:0004", refused.error().code().code(), first.toString());
            assertTrue(refused.retryable(), "a full disk is temporary: " + first);
            assertEquals(MessageStatus.RECEIVED, partsOf(b).messageLog().find(id, Direction.INBOUND).orElseThrow().status(),
                    "stored before the hand-off");

            SendResult retry = a.sender().transmit(prepared);
            assertInstanceOf(SendResult.Acknowledged.class, retry, "the retry is a duplicate, answered from the database: " + retry);

            network.stop("gw-b");  // with a send still held by the broker
            home.editProperties(properties -> properties.replace(Brokers.MAX_DISK_USAGE + "=1", ""));
            Gateway again = network.start("gw-b");
            TestNetwork.awaitDelivered(again, id);
            Await.until("gw-b logs the delivery", Duration.ofSeconds(30), () -> partsOf(again).messageLog()
                    .find(id, Direction.INBOUND).orElseThrow().status() == MessageStatus.DELIVERED);
            List<StatusChange> history = partsOf(again).messageLog().history(id, Direction.INBOUND);
            assertEquals(1, history.stream().filter(c -> c.to() == MessageStatus.RECEIVED).count(), history.toString());
            assertEquals(1, history.stream().filter(c -> c.to() == MessageStatus.DELIVERED).count(), history.toString());
            assertEquals(1, again.inbox().messages().size(), "one folder in the backend's inbox");
            assertEquals(200, health(again).statusCode(), health(again).body());
            assertTrue(get(again, "/metrics").body().contains("imi_broker_blocked{gateway=\"gw-b\"} 0.0"));
        }
    }

    private static HttpResponse<String> health(Gateway gateway) {
        return get(gateway, "/health");
    }

    private static HttpResponse<String> get(Gateway gateway, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.adminPort() + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("no answer from " + path + ": " + e, e);
        }
    }
}
