package org.imigateway.cluster;

import static org.imigateway.GatewayParts.partsOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.camel.ServiceStatus;
import org.imigateway.Gateway;
import org.imigateway.TestNetwork;
import org.imigateway.as4.outflow.PreparedMessage;
import org.imigateway.broker.ArtemisProcess;
import org.imigateway.broker.ExternalBrokerSettings;
import org.imigateway.config.ConfigException;
import org.imigateway.config.GatewayConfig;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.store.DatabaseSettings;
import org.imigateway.store.Direction;
import org.imigateway.store.MessageStatus;
import org.imigateway.store.TestStore;
import org.imigateway.store.StatusChange;
import org.imigateway.testsupport.Await;
import org.imigateway.testsupport.FreePort;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes of one receiving gateway ({@code gw-b}) on one PostgreSQL database and one external
 * Artemis, each with its own AS4 port (real Jetty), sharing a folder; a sending gateway
 * ({@code gw-a}, on its own) builds the signed messages. The same MessageId POSTed to both nodes
 * at once gets one receipt and one delivery; a third start under a live node's id is refused; the
 * timers run on exactly one node and move when it stops.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ClusterNodesTest {

    /** The most a node waits to take the timers after their holder's session ended: its next lock check, with room. */
    static final Duration TAKEOVER = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    static ArtemisProcess artemis;
    static TestNetwork network;
    static Gateway node1;
    static Gateway node2;
    static Path home1;
    static Path home2;
    static Path payload;
    static Path shared;
    static int brokerPort;
    static final java.util.Map<Gateway, Integer> ADMIN_PORTS = new java.util.HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        brokerPort = ArtemisProcess.freePort();
        artemis = ArtemisProcess.single(dir.resolve("broker"), brokerPort, xml -> xml);
        network = TestNetwork.create(dir.resolve("net"), "gw-a", "gw-b");
        home1 = network.plan().home("gw-b");
        home2 = dir.resolve("gw-b-node-2");
        shared = Files.createDirectories(dir.resolve("shared"));
        DatabaseSettings database = TestStore.postgresDatabase();
        String common = "\n" + DatabaseSettings.URL + "=" + database.url() + "\n" + DatabaseSettings.USER + "="
                + database.user() + "\n" + DatabaseSettings.PASSWORD + "=" + database.password() + "\n"
                + ExternalBrokerSettings.URL + "=tcp://127.0.0.1:" + brokerPort + "\n" + ExternalBrokerSettings.USER + "="
                + ArtemisProcess.USER + "\n" + ExternalBrokerSettings.PASSWORD + "=" + ArtemisProcess.PASSWORD + "\n"
                + ClusterSettings.ENABLED + "=true\n" + ClusterSettings.SHARED_DIR + "=" + shared + "\n";
        copyHome(home1, home2);
        int admin1 = FreePort.onLoopback();
        int admin2 = FreePort.onLoopback();
        append(home1, common + ClusterSettings.NODE_ID + "=node-1\nadmin.port=" + admin1 + "\n");
        // The second node: the same gateway from a copy of its home, on AS4 and admin ports of its own.
        Path file2 = home2.resolve(GatewayConfig.FILE);
        Files.writeString(file2, Files.readString(file2).replaceAll("(?m)^http\\.port=.*$",
                "http.port=" + FreePort.onLoopback()));
        append(home2, common + ClusterSettings.NODE_ID + "=node-2\nadmin.port=" + admin2 + "\n");
        network.start("gw-a");
        node1 = Gateway.start(home1);
        node2 = Gateway.start(home2);
        ADMIN_PORTS.put(node1, admin1);
        ADMIN_PORTS.put(node2, admin2);
        payload = Files.writeString(dir.resolve("note.xml"), "<note xmlns=\"urn:test\">clustered</note>",
                StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stop() throws Exception {
        for (Gateway node : new Gateway[] {node1, node2}) {
            if (node != null) {
                node.close();
            }
        }
        if (network != null) {
            network.close();
        }
        if (artemis != null) {
            artemis.close();
        }
    }

    @Test
    @Order(1)
    void sameMessageIdPostedToBothNodesAtOnceGetsOneReceiptAndOneDelivery() throws Exception {
        Gateway sender = network.gateway("gw-a");
        HttpClient http = HttpClient.newHttpClient();
        for (int round = 0; round < 5; round++) {
            PreparedMessage prepared = sender.sender().prepare(Submission.to("gw-b")
                    .service(DemoNetwork.SERVICE, DemoNetwork.SERVICE_TYPE).action(DemoNetwork.ACTION)
                    .payload(Payload.of(payload, "application/xml")).build(), sender.sender().newWorkDir());
            CountDownLatch ready = new CountDownLatch(2);
            List<CompletableFuture<HttpResponse<byte[]>>> answers = new ArrayList<>();
            for (Gateway node : List.of(node1, node2)) {
                answers.add(CompletableFuture.supplyAsync(() -> post(http, node, prepared, ready)));
            }
            byte[] first = answers.get(0).get(60, TimeUnit.SECONDS).body();
            byte[] second = answers.get(1).get(60, TimeUnit.SECONDS).body();
            assertEquals(200, answers.get(0).get().statusCode(), () -> new String(first, StandardCharsets.UTF_8));
            assertEquals(200, answers.get(1).get().statusCode(), () -> new String(second, StandardCharsets.UTF_8));
            assertArrayEquals(first, second, "both nodes answer with the one receipt of " + prepared.messageId());
            assertArrayEquals(partsOf(node1).messageLog().receipt(prepared.messageId(), Direction.INBOUND).orElseThrow(),
                    first, "the receipt answered is the one stored");

            // One delivery, whichever node's consumer took it; the inbox is in the shared folder.
            TestNetwork.awaitDelivered(node1, prepared.messageId());
            Await.until("DELIVERED in the log", Duration.ofSeconds(30), () -> partsOf(node2).messageLog()
                    .find(prepared.messageId(), Direction.INBOUND).orElseThrow().status() == MessageStatus.DELIVERED);
            List<StatusChange> history = partsOf(node2).messageLog().history(prepared.messageId(), Direction.INBOUND);
            assertEquals(1, history.stream().filter(c -> c.to() == MessageStatus.RECEIVED).count(), history.toString());
            assertEquals(1, history.stream().filter(c -> c.to() == MessageStatus.DELIVERED).count(), history.toString());
            assertTrue(node2.inbox().folderOf(prepared.messageId()).startsWith(shared), "the inbox is in the shared folder");
        }
    }

    private static HttpResponse<byte[]> post(HttpClient http, Gateway node, PreparedMessage prepared, CountDownLatch ready) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + partsOf(node).httpPort() + "/as4"))
                    .header("Content-Type", prepared.contentType())
                    .POST(HttpRequest.BodyPublishers.ofFile(prepared.body())).build();
            ready.countDown();
            ready.await();  // both requests leave together, so the two nodes race for the MessageId
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(2)
    void aNodeStartingUnderTheIdOfALiveNodeIsRefusedNamingTheKey() throws Exception {
        Path twin = dir.resolve("gw-b-twin");
        copyHome(home2, twin);
        Path file = twin.resolve(GatewayConfig.FILE);
        Files.writeString(file, Files.readString(file).replace("cluster.nodeId=node-2", "cluster.nodeId=node-1")
                .replaceAll("(?m)^(http|admin)\\.port=.*$", "$1.port=" + FreePort.onLoopback()));
        ConfigException refused = assertThrows(ConfigException.class, () -> Gateway.start(twin).close());
        assertTrue(refused.getMessage().contains("cluster.nodeId=node-1 is in use by a live node"), refused.getMessage());
        assertTrue(partsOf(node1).cluster().nodeId().equals("node-1"), "node 1 runs on");
    }

    @Test
    @Order(3)
    void timersRunOnExactlyOneNodeAndMoveWhenItStops() throws Exception {
        Await.until("one node holding the timers", TAKEOVER, () -> holders() == 1);
        Gateway holder = partsOf(node1).cluster().holdsTimers() ? node1 : node2;
        Gateway other = holder == node1 ? node2 : node1;
        assertEquals(ServiceStatus.Started, recoveryRoute(holder));
        assertEquals(ServiceStatus.Stopped, recoveryRoute(other));
        assertEquals("1.0", timerGauge(holder));
        assertEquals("0.0", timerGauge(other));
        String health = get(other, "/health");
        assertTrue(health.contains("\"cluster\":{\"status\":\"UP\",\"detail\":\"node " + partsOf(other).cluster().nodeId()
                + "; the timers run on another node; live broker at "), health);
        assertTrue(health.contains(":" + brokerPort + ", no backup announced\"}"),
                "the live broker's address is named, and that a single broker has no backup: " + health);
        assertTrue(health.contains("\"status\":\"UP\",\"checks\""), "a node without the timers is healthy: " + health);

        Instant stopped = Instant.now();
        holder.close();
        if (holder == node1) {
            node1 = null;
        } else {
            node2 = null;
        }
        Await.until("the other node taking the timers", TAKEOVER, () -> partsOf(other).cluster().holdsTimers());
        Await.until("the recovery timer started on the other node", Duration.ofSeconds(10),
                () -> recoveryRoute(other) == ServiceStatus.Started);
        System.out.println("CLUSTER: timers moved to " + partsOf(other).cluster().nodeId() + " "
                + Duration.between(stopped, Instant.now()).toMillis() + " ms after their holder stopped");
        assertEquals("1.0", timerGauge(other));
    }

    private static long holders() {
        return Stream.of(node1, node2).filter(node -> partsOf(node).cluster().holdsTimers()).count();
    }

    private static ServiceStatus recoveryRoute(Gateway node) {
        return partsOf(node).camel().getRouteController().getRouteStatus("recovery");
    }

    private static String timerGauge(Gateway node) throws Exception {
        return get(node, "/metrics").lines().filter(line -> line.startsWith("imi_cluster_timer_holder{"))
                .map(line -> line.substring(line.lastIndexOf(' ') + 1)).findFirst().orElse("missing");
    }

    private static String get(Gateway node, String path) throws Exception {
        int port = ADMIN_PORTS.get(node);
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
        return answer.body();
    }

    /** A copy of a home without its data folder: a node of its own of the same gateway. */
    private static void copyHome(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.filter(f -> !from.relativize(f).startsWith("data")).toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    private static void append(Path home, String lines) throws IOException {
        Files.writeString(home.resolve(GatewayConfig.FILE), lines, StandardOpenOption.APPEND);
    }
}
