package org.imigateway.route;

import static org.imigateway.GatewayParts.partsOf;
import static org.imigateway.route.BrokerFailoverTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.imigateway.Gateway;
import org.imigateway.broker.ArtemisPair;
import org.imigateway.broker.ArtemisProcess;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;
import org.imigateway.connectors.fs.FolderInbox;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.store.Database;
import org.imigateway.store.DatabaseSettings;
import org.imigateway.store.MessageLog;
import org.imigateway.store.MessageStatus;
import org.imigateway.store.TestStore;
import org.imigateway.testsupport.FreePort;
import org.imigateway.testsupport.GatewayHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, Show 2: the receiving party runs as two gateway nodes, each in a JVM of its own, on one
 * PostgreSQL database and one Artemis live/backup pair (each broker in a JVM of its own), behind
 * HAProxy; a sending gateway sends a stream of messages to the balancer. Mid-stream one node is
 * killed with SIGKILL and started again later, then the live broker is killed with SIGKILL (the
 * backup takes over; the old live comes back as the new backup). In the end every message is
 * ACKNOWLEDGED at the sender and DELIVERED exactly once at the receiving side, MessageId by
 * MessageId, in the backend's inbox and in the status history in PostgreSQL.
 *
 * <p>{@code -Dcluster.messages} sets the count (200; the {@code cluster-long} profile sends 2,000).
 */
class ClusterCrashTest {

    private static final String SERVICE = "urn:imigateway:test:cluster";
    private static final int MESSAGES = Integer.getInteger("cluster.messages", 200);
    private static final Duration FINISH = Duration.ofMinutes(Integer.getInteger("cluster.minutes", 5));

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 40, unit = TimeUnit.MINUTES)
    void killedNodeAndKilledLiveBrokerLoseAndDoubleNothing() throws Exception {
        DatabaseSettings database = TestStore.postgresDatabase();
        List<CrashSafetyTest.Node> nodes = new ArrayList<>();
        // Closed in reverse: the nodes stop while their brokers still run.
        try (ArtemisPair brokers = ArtemisPair.start(dir.resolve("brokers"));
             AutoCloseable stopNodes = () -> stopAll(nodes)) {
            String brokerUrl = brokers.url();
            int front = FreePort.onLoopback();
            DemoNetwork network = CrashSafetyTest.senderAndReceiver(dir.resolve("net"), "cluster", SERVICE);
            GatewayHome.at(network.home("sender")).editPModes(
                    xml -> xml.replace(network.endpoint("receiver"), "http://127.0.0.1:" + front + "/as4"));
            Path shared = Files.createDirectories(dir.resolve("shared"));
            List<LoadBalancer.Backend> backends = new ArrayList<>();
            for (int i = 1; i <= 2; i++) {
                LoadBalancer.Backend backend = new LoadBalancer.Backend("node-" + i, FreePort.onLoopback(),
                        FreePort.onLoopback());
                Path home = clusterNode(network.home("receiver"), dir.resolve(backend.name()), backend, database,
                        brokerUrl, shared);
                backends.add(backend);
                nodes.add(new CrashSafetyTest.Node(home, List.of()));
            }
            for (CrashSafetyTest.Node node : nodes) {
                node.start();
            }
            Path payload = Files.writeString(dir.resolve("payload.xml"), "<cluster xmlns=\"urn:test\">"
                    + "x".repeat(2000) + "</cluster>", StandardCharsets.UTF_8);

            try (Database received = Database.open(database);
                 LoadBalancer balancer = LoadBalancer.start(dir.resolve("haproxy"), front, backends);
                 Gateway sender = Gateway.start(network.home("sender"))) {
                MessageLog receivedLog = new MessageLog(received);
                Instant begin = Instant.now();
                // The stream holds at two fifths until node-1 is back, so that the broker's kill falls mid-stream too.
                AtomicInteger allowed = new AtomicInteger(MESSAGES * 2 / 5);
                Thread stream = new Thread(() -> submitAll(sender, payload, allowed), "cluster-stream");
                stream.start();

                await(Duration.ofMinutes(3), () -> delivered(receivedLog) >= MESSAGES / 5, "a fifth delivered");
                nodes.get(0).kill();
                long deliveredAtNodeKill = delivered(receivedLog);
                System.out.println("CLUSTER: node-1 killed with " + deliveredAtNodeKill + " of " + MESSAGES
                        + " delivered, after " + since(begin));
                await(Duration.ofMinutes(3), () -> delivered(receivedLog) >= deliveredAtNodeKill + MESSAGES / 10,
                        "node-2 delivering alone");
                // Not "all submitted so far": what node-1 held when it died may wait for a node's start.
                System.out.println("CLUSTER: receiving side with node-1 down: " + receivedLog.countByStatus());
                nodes.get(0).start();
                allowed.set(MESSAGES);
                System.out.println("CLUSTER: node-1 back with " + delivered(receivedLog) + " delivered, after " + since(begin));
                await(Duration.ofMinutes(3), () -> delivered(receivedLog) >= MESSAGES * 3 / 5, "three fifths delivered");
                long deliveredAtKill = delivered(receivedLog);
                Duration failover = brokers.killLive();
                System.out.println("CLUSTER: live broker killed with " + deliveredAtKill + " delivered, after "
                        + since(begin) + "; backup live " + failover.toMillis() + " ms later");
                brokers.restartKilledAsBackup();

                stream.join(FINISH.toMillis());
                await(FINISH, () -> acknowledged(sender) == MESSAGES && delivered(receivedLog) == MESSAGES,
                        "every message acknowledged and delivered");
                System.out.println("CLUSTER: " + MESSAGES + " messages acknowledged and delivered after " + since(begin));
                for (CrashSafetyTest.Node node : nodes) {
                    node.checkAlive();
                }

                MessageLog sent = partsOf(sender).messageLog();
                Set<String> inbox = deliveredIds(shared, nodes.size());
                BrokerFailoverTest.assertAcknowledgedAndDeliveredOnce(MESSAGES, ClusterCrashTest::messageId, sent, inbox,
                        receivedLog);
                assertEquals(MESSAGES, inbox.size(), "nothing but the messages sent is in the inbox");
            }
        }
    }

    static void stopAll(List<CrashSafetyTest.Node> nodes) throws InterruptedException {
        for (CrashSafetyTest.Node node : nodes) {
            node.stop();
        }
    }

    /**
     * A node of the receiving party: a copy of its home on its own ports, on the shared database and
     * broker pair, with the cluster settings: payloads, prepared messages and the inbox in the shared
     * {@code cluster.sharedDir}, so a message one node received may be delivered or sent by the other;
     * its own {@code data.dir} for work folders.
     */
    static Path clusterNode(Path partyHome, Path home, LoadBalancer.Backend ports, DatabaseSettings database,
            String brokerUrl, Path shared) throws IOException {
        org.imigateway.testsupport.Folders.copyTree(partyHome, home);
        GatewayHome.at(home).appendProperties(
                "http.port=" + ports.as4Port(),
                "admin.port=" + ports.adminPort(),
                DatabaseSettings.URL + "=" + database.url(),
                DatabaseSettings.USER + "=" + database.user(),
                DatabaseSettings.PASSWORD + "=" + database.password(),
                "broker.url=" + brokerUrl,
                "broker.user=" + ArtemisProcess.USER,
                "broker.password=" + ArtemisProcess.PASSWORD,
                "cluster.enabled=true",
                "cluster.nodeId=" + ports.name(),
                "cluster.sharedDir=" + shared);
        return home;
    }

    /** The MessageIds in every inbox folder of the receiving side; a MessageId found twice fails. */
    static Set<String> deliveredIds(Path shared, int nodes) throws IOException {
        // Deliveries belong in the shared folder: a node writing its own inbox would hide them from the others.
        for (int i = 1; i <= nodes; i++) {
            Path local = shared.resolveSibling("node-" + i).resolve("data/inbox");
            if (Files.isDirectory(local)) {
                try (Stream<Path> folders = Files.list(local)) {
                    assertTrue(folders.noneMatch(f -> !f.getFileName().toString().startsWith(".")),
                            "node-" + i + " delivered into its own data folder: " + local);
                }
            }
        }
        Set<String> ids = new HashSet<>();
        Path inbox = shared.resolve("inbox");
        if (Files.isDirectory(inbox)) {
            try (Stream<Path> folders = Files.list(inbox)) {
                for (Path folder : folders.filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
                    String id = FolderInbox.read(folder).messageId();
                    assertTrue(ids.add(id), "delivered twice: " + id);
                }
            }
        }
        return ids;
    }

    private static void submitAll(Gateway sender, Path payload, AtomicInteger allowed) {
        try {
            for (int i = 0; i < MESSAGES; i++) {
                while (i >= allowed.get()) {
                    Thread.sleep(100);
                }
                sender.submit(Submission.to("receiver").service(SERVICE).action("Deliver").messageId(messageId(i))
                        .payload(Payload.of(payload, "application/xml")).build());
                Thread.sleep(20);  // a stream, so that the kills fall in the middle of it
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String messageId(int i) {
        return "cluster-" + i + "@test";
    }

    static long delivered(MessageLog log) {
        return log.countByStatus().getOrDefault(MessageStatus.DELIVERED, 0L);
    }

    static long acknowledged(Gateway sender) {
        return partsOf(sender).messageLog().countByStatus().getOrDefault(MessageStatus.ACKNOWLEDGED, 0L);
    }

    private static String since(Instant begin) {
        return Duration.between(begin, Instant.now()).toSeconds() + " s";
    }
}
