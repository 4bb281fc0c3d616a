package org.imigateway.route;

import static org.imigateway.GatewayParts.partsOf;
import static org.imigateway.route.BrokerFailoverTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.imigateway.Gateway;
import org.imigateway.broker.ArtemisProcess;
import org.imigateway.connectors.fs.FolderInbox;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.store.Database;
import org.imigateway.store.DatabaseSettings;
import org.imigateway.store.Direction;
import org.imigateway.store.MessageLog;
import org.imigateway.store.MessageRecord;
import org.imigateway.store.MessageStatus;
import org.imigateway.store.TestStore;
import org.imigateway.testsupport.FreePort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, Show 2, the sending side: the sending party runs as two gateway nodes, each in a JVM of
 * its own, on one PostgreSQL database and one Artemis broker (in its own JVM). Node 1 takes the
 * submissions; both nodes consume the shared send queue. Mid-stream node 1 is killed with SIGKILL
 * and not started again: what it had accepted, queued, scheduled for a retry or was sending, node 2 sends. In the end every
 * message node 1 accepted is ACKNOWLEDGED in PostgreSQL and DELIVERED exactly once at the receiver.
 * Node 1 held the timers (Show 3): node 2 takes them after the kill, and the test prints how soon.
 *
 * <p>{@code -Dcluster.messages} sets the count (100; the {@code cluster-long} profile sends 2,000).
 */
class ClusterSendingCrashTest {

    private static final int MESSAGES = Integer.getInteger("cluster.messages", 100);
    private static final Duration FINISH = Duration.ofMinutes(Integer.getInteger("cluster.minutes", 5));
    /**
     * A dead node's unacknowledged queue messages go back to the queue when the broker gives up on its
     * connection; the client's TTL bounds that (Artemis' default is 60 s). docs/cluster.md says so.
     */
    private static final String BROKER_OPTIONS = "?connectionTTL=10000&clientFailureCheckPeriod=2000";

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void aKilledSendingNodesMessagesAreSentByTheOtherOnce() throws Exception {
        DatabaseSettings database = TestStore.postgresDatabase();
        DemoNetwork network = CrashSafetyTest.senderAndReceiver(dir.resolve("net"), "crash", CrashSafetyTest.SERVICE);
        Path payload = Files.writeString(dir.resolve("payload.xml"), "<crash xmlns=\"urn:test\">"
                + "x".repeat(2000) + "</crash>", StandardCharsets.UTF_8);
        Path shared = Files.createDirectories(dir.resolve("shared"));
        int brokerPort = ArtemisProcess.freePort();
        List<CrashSafetyTest.Node> nodes = new ArrayList<>();
        List<Integer> adminPorts = new ArrayList<>();
        Path go = dir.resolve("go");
        List<Gateway> receiverHolder = new ArrayList<>();
        try (ArtemisProcess broker = ArtemisProcess.single(dir.resolve("broker"), brokerPort, xml -> xml);
             AutoCloseable closeReceiver = () -> receiverHolder.forEach(Gateway::close);
             AutoCloseable stopNodes = () -> ClusterCrashTest.stopAll(nodes)) {
            String brokerUrl = "tcp://127.0.0.1:" + brokerPort + BROKER_OPTIONS;
            for (int i = 1; i <= 2; i++) {
                LoadBalancer.Backend ports = new LoadBalancer.Backend("node-" + i, FreePort.onLoopback(),
                        FreePort.onLoopback());
                Path home = ClusterCrashTest.clusterNode(network.home("sender"), dir.resolve(ports.name()), ports,
                        database, brokerUrl, shared);
                adminPorts.add(ports.adminPort());
                nodes.add(new CrashSafetyTest.Node(home, i == 1
                        ? List.of("receiver", String.valueOf(MESSAGES), payload.toString(), go.toString())
                        : List.of()));
            }
            // Node 1 first, so that it holds the timers when it is killed (Show 3 with SIGKILL).
            nodes.get(0).start();
            await(Duration.ofSeconds(30), () -> timerGauge(adminPorts.get(0)).equals("1.0"), "node-1 holding the timers");
            nodes.get(1).start();
            assertEquals("0.0", timerGauge(adminPorts.get(1)), "one holder");

            try (Database senderDatabase = Database.open(database)) {
                MessageLog sent = new MessageLog(senderDatabase);
                Instant begin = Instant.now();
                Files.createFile(go);
                // The receiver comes up only once a quarter is accepted: until then every attempt fails and waits
                // for its retry, so node 1 holds a backlog (queued, scheduled, in flight) when it is killed.
                await(Duration.ofMinutes(3), () -> total(sent) >= MESSAGES / 4, "a quarter accepted");
                Gateway receiver = Gateway.start(network.home("receiver"));
                receiverHolder.add(receiver);
                MessageLog received = partsOf(receiver).messageLog();
                await(Duration.ofMinutes(3), () -> count(sent, MessageStatus.ACKNOWLEDGED) >= MESSAGES / 8,
                        "an eighth acknowledged");
                nodes.get(0).kill();
                Instant killed = Instant.now();
                List<String> accepted = accepted(sent);
                // Node 2 is the only one alive: whatever of these reaches ACKNOWLEDGED, it sent.
                List<String> leftByNode1 = accepted.stream()
                        .filter(id -> status(sent, id) != MessageStatus.ACKNOWLEDGED).toList();
                System.out.println("CLUSTER-SEND: node-1 killed after " + since(begin) + " with " + sent.countByStatus()
                        + "; it accepted " + accepted.size() + ", left " + leftByNode1.size() + " unacknowledged");
                await(Duration.ofSeconds(60), () -> timerGauge(adminPorts.get(1)).equals("1.0"), "node-2 taking the timers");
                System.out.println("CLUSTER-SEND: node-2 holds the timers " + Duration.between(killed, Instant.now()).toMillis()
                        + " ms after node-1 was killed");

                assertTrue(accepted.size() >= MESSAGES / 4, "node-1 accepted " + accepted.size());
                assertTrue(!leftByNode1.isEmpty(), "the kill fell mid-stream: node-1 left messages to send");
                await(FINISH, () -> accepted.stream().allMatch(id -> status(sent, id) == MessageStatus.ACKNOWLEDGED)
                        && count(received, MessageStatus.DELIVERED) >= accepted.size(),
                        "every message node-1 accepted acknowledged by node-2 and delivered");
                System.out.println("CLUSTER-SEND: " + accepted.size() + " accepted by node-1, all acknowledged after "
                        + since(begin));
                nodes.get(1).checkAlive();

                Set<String> inbox = deliveredIds(receiver);
                for (String id : accepted) {
                    assertTrue(inbox.contains(id), "not in the receiver's inbox: " + id);
                    assertEquals(1, received.history(id, Direction.INBOUND).stream()
                            .filter(c -> c.to() == MessageStatus.DELIVERED).count(), id);
                }
                assertEquals(accepted.size(), inbox.size(), "nothing but what was accepted is in the inbox");
            }
        }
    }

    /** The MessageIds node 1 committed before it died (its submissions are idempotent, so a gap is possible only at the end). */
    private static List<String> accepted(MessageLog sent) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            String id = CrashNode.messageId(i);
            if (sent.find(id, Direction.OUTBOUND).isPresent()) {
                ids.add(id);
            }
        }
        return ids;
    }

    private static MessageStatus status(MessageLog log, String id) {
        Optional<MessageRecord> record = log.find(id, Direction.OUTBOUND);
        return record.map(MessageRecord::status).orElse(null);
    }

    private static long total(MessageLog log) {
        return log.countByStatus().values().stream().mapToLong(Long::longValue).sum();
    }

    private static long count(MessageLog log, MessageStatus status) {
        return log.countByStatus().getOrDefault(status, 0L);
    }

    private static Set<String> deliveredIds(Gateway receiver) throws IOException {
        Set<String> ids = new HashSet<>();
        for (Path folder : receiver.inbox().messages()) {
            assertTrue(ids.add(FolderInbox.read(folder).messageId()), "delivered twice: " + folder);
        }
        return ids;
    }

    /** The node's {@code imi_cluster_timer_holder} gauge from its /metrics; "down" when it does not answer. */
    private static String timerGauge(int adminPort) {
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + adminPort + "/metrics")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return answer.body().lines().filter(line -> line.startsWith("imi_cluster_timer_holder{"))
                    .map(line -> line.substring(line.lastIndexOf(' ') + 1)).findFirst().orElse("missing");
        } catch (IOException e) {
            return "down";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static String since(Instant begin) {
        return Duration.between(begin, Instant.now()).toSeconds() + " s";
    }
}
