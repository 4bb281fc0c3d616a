package org.imigateway.route;

import static org.imigateway.route.BrokerFailoverTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.imigateway.Gateway;
import org.imigateway.broker.ArtemisPair;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.store.DatabaseSettings;
import org.imigateway.store.TestStore;
import org.imigateway.testsupport.FreePort;
import org.imigateway.testsupport.GatewayHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, Show 6: messages per second through HAProxy to 1, 2 and 3 receiving nodes (PostgreSQL,
 * the Artemis pair, one sending gateway), all on this machine. A measurement, not a check: it
 * prints the figures and asserts only that every message was acknowledged. On a machine with few
 * cores every process competes for the same CPUs (the sender signs and encrypts, each node decrypts,
 * verifies and signs a receipt), so more nodes cannot add throughput here; the figure says what
 * one more node costs, not what it gains on separate machines. Runs in the {@code cluster-long}
 * profile only ({@code -Dcluster.throughput=true}); {@code -Dcluster.throughput.messages} (300).
 */
@EnabledIfSystemProperty(named = "cluster.throughput", matches = "true")
class ClusterThroughputTest {

    private static final String SERVICE = "urn:imigateway:test:throughput";
    private static final int MESSAGES = Integer.getInteger("cluster.throughput.messages", 300);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 40, unit = TimeUnit.MINUTES)
    void messagesPerSecondWithOneTwoAndThreeReceivingNodes() throws Exception {
        List<String> figures = new ArrayList<>();
        try (ArtemisPair brokers = ArtemisPair.start(dir.resolve("brokers"))) {
            for (int count = 1; count <= 3; count++) {
                figures.add(round(count, brokers.url()));
            }
        }
        System.out.println("THROUGHPUT (" + Runtime.getRuntime().availableProcessors() + " cores shared by every"
                + " process: CPU-bound, load average " + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()
                + "):");
        figures.forEach(System.out::println);
    }

    /** Transactions committed in the receiving side's database so far (PostgreSQL's statistics). */
    private static long commits(DatabaseSettings database) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
             Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_stat_clear_snapshot()");
            try (ResultSet row = statement.executeQuery(
                    "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private String round(int count, String brokerUrl) throws Exception {
        Path base = dir.resolve("round-" + count);
        DatabaseSettings database = TestStore.postgresDatabase();
        int front = FreePort.onLoopback();
        DemoNetwork network = CrashSafetyTest.senderAndReceiver(base.resolve("net"), "throughput", SERVICE);
        GatewayHome.at(network.home("sender")).editPModes(
                xml -> xml.replace(network.endpoint("receiver"), "http://127.0.0.1:" + front + "/as4"));
        Path shared = Files.createDirectories(base.resolve("shared"));
        Path payload = Files.writeString(base.resolve("payload.xml"), "<throughput xmlns=\"urn:test\">"
                + "x".repeat(10_000) + "</throughput>", StandardCharsets.UTF_8);
        List<LoadBalancer.Backend> backends = new ArrayList<>();
        List<CrashSafetyTest.Node> nodes = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            LoadBalancer.Backend backend = new LoadBalancer.Backend("node-" + i, FreePort.onLoopback(), FreePort.onLoopback());
            backends.add(backend);
            nodes.add(new CrashSafetyTest.Node(ClusterCrashTest.clusterNode(network.home("receiver"),
                    base.resolve(backend.name()), backend, database, brokerUrl, shared), List.of()));
        }
        try {
            for (CrashSafetyTest.Node node : nodes) {
                node.start();
            }
            try (LoadBalancer balancer = LoadBalancer.start(base.resolve("haproxy"), front, backends);
                 Gateway sender = Gateway.start(network.home("sender"))) {
                Thread.sleep(3000);  // HAProxy's health checks let every node in
                long commitsBefore = commits(database);
                Instant begin = Instant.now();
                for (int i = 0; i < MESSAGES; i++) {
                    sender.submit(Submission.to("receiver").service(SERVICE).action("Deliver")
                            .messageId("throughput-" + count + "-" + i + "@test")
                            .payload(Payload.of(payload, "application/xml")).build());
                }
                await(Duration.ofMinutes(10), () -> ClusterCrashTest.acknowledged(sender) == MESSAGES,
                        "every message acknowledged");
                Duration took = Duration.between(begin, Instant.now());
                assertEquals(MESSAGES, ClusterCrashTest.acknowledged(sender));
                Thread.sleep(2000);  // the nodes hand the last messages to the backend; statistics are flushed
                return String.format("  %d receiving node(s): %d messages of 10 KB acknowledged in %.1f s = %.1f messages/s;"
                        + " %.1f PostgreSQL commits per message received", count, MESSAGES, took.toMillis() / 1000.0,
                        MESSAGES * 1000.0 / took.toMillis(), (commits(database) - commitsBefore) / (double) MESSAGES);
            }
        } finally {
            ClusterCrashTest.stopAll(nodes);
        }
    }
}
