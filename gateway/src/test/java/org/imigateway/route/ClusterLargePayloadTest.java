package org.imigateway.route;

import static org.imigateway.route.BrokerFailoverTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.imigateway.broker.ArtemisProcess;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.fs.FolderInbox;
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
 * Issue 16, Show 5: one large payload (random, so compression gains nothing) from a sending gateway
 * JVM through HAProxy to a receiving party of two nodes on PostgreSQL and an external Artemis, every
 * JVM with {@code -Xmx256m}. The payload must arrive byte-identical in the shared inbox, once. A
 * measurement too: it prints MB/s. Runs in the {@code cluster-long} profile only
 * ({@code -Dcluster.largeBytes=2147483648}).
 */
@EnabledIfSystemProperty(named = "cluster.largeBytes", matches = "\\d+")
class ClusterLargePayloadTest {

    private static final long BYTES = Long.getLong("cluster.largeBytes", 0);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.MINUTES)
    void aLargePayloadCrossesTheClusterWithSmallHeaps() throws Exception {
        DatabaseSettings database = TestStore.postgresDatabase();
        DemoNetwork network = CrashSafetyTest.senderAndReceiver(dir.resolve("net"), "crash", CrashSafetyTest.SERVICE);
        long limit = BYTES + (64L << 20);
        for (Path home : network.homes().values()) {
            GatewayHome.at(home)
                    .editPModes(xml -> xml.replaceAll("<maxPayloadSize>\\d+</maxPayloadSize>",
                            "<maxPayloadSize>" + limit + "</maxPayloadSize>"))
                    .editProperties(properties -> properties.replace("send.timeoutSeconds=60", "send.timeoutSeconds=3600"))
                    .appendProperties("limits.maxMessageBytes=" + (limit + (64L << 20)));
        }
        int front = FreePort.onLoopback();
        GatewayHome.at(network.home("sender")).editPModes(
                xml -> xml.replace(network.endpoint("receiver"), "http://127.0.0.1:" + front + "/as4"));
        Path payload = randomFile(dir.resolve("payload.bin"), BYTES);
        String expected = sha256(payload);
        Path shared = Files.createDirectories(dir.resolve("shared"));
        int brokerPort = ArtemisProcess.freePort();
        List<CrashSafetyTest.Node> nodes = new ArrayList<>();
        List<LoadBalancer.Backend> backends = new ArrayList<>();
        try (ArtemisProcess broker = ArtemisProcess.single(dir.resolve("broker"), brokerPort, xml -> xml);
             AutoCloseable stopNodes = () -> ClusterCrashTest.stopAll(nodes)) {
            for (int i = 1; i <= 2; i++) {
                LoadBalancer.Backend ports = new LoadBalancer.Backend("node-" + i, FreePort.onLoopback(),
                        FreePort.onLoopback());
                backends.add(ports);
                nodes.add(new CrashSafetyTest.Node(ClusterCrashTest.clusterNode(network.home("receiver"),
                        dir.resolve(ports.name()), ports, database, "tcp://127.0.0.1:" + brokerPort, shared), List.of()));
            }
            for (CrashSafetyTest.Node node : nodes) {
                node.start();
            }
            try (LoadBalancer balancer = LoadBalancer.start(dir.resolve("haproxy"), front, backends)) {
                CrashSafetyTest.Node sender = new CrashSafetyTest.Node(network.home("sender"),
                        List.of("receiver", "1", payload.toString()));
                nodes.add(sender);
                Instant begin = Instant.now();
                sender.start();
                await(Duration.ofMinutes(50), () -> delivered(shared), "the payload delivered");
                double seconds = Duration.between(begin, Instant.now()).toMillis() / 1000.0;
                System.out.printf("CLUSTER-LARGE: %d bytes delivered through 2 nodes (-Xmx256m) in %.1f s: %.1f MB/s%n",
                        BYTES, seconds, BYTES / 1e6 / seconds);
                for (CrashSafetyTest.Node node : nodes) {
                    node.checkAlive();
                }
                Set<String> delivered = ClusterCrashTest.deliveredIds(shared, 2);
                assertEquals(Set.of(CrashNode.messageId(0)), delivered);
                Path folder;
                try (var folders = Files.list(shared.resolve("inbox"))) {
                    folder = folders.filter(f -> !f.getFileName().toString().startsWith(".")).findFirst().orElseThrow();
                }
                List<Payload> parts = FolderInbox.read(folder).payloads();
                assertEquals(1, parts.size(), folder.toString());
                assertEquals(BYTES, Files.size(parts.get(0).file()));
                assertTrue(expected.equals(sha256(parts.get(0).file())), "byte-identical payload");
            }
        }
    }

    /** Whether a message sits in the shared inbox (deliveries appear there whole, by a rename). */
    private static boolean delivered(Path shared) {
        try (var folders = Files.list(shared.resolve("inbox"))) {
            return folders.anyMatch(f -> !f.getFileName().toString().startsWith("."));
        } catch (IOException e) {
            return false;
        }
    }

    private static Path randomFile(Path file, long bytes) throws IOException {
        SplittableRandom random = new SplittableRandom(16);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < bytes; written += block.length) {
                for (int i = 0; i < block.length; i += 8) {
                    long value = random.nextLong();
                    for (int b = 0; b < 8; b++) {
                        block[i + b] = (byte) (value >>> (8 * b));
                    }
                }
                out.write(block, 0, (int) Math.min(block.length, bytes - written));
            }
        }
        return file;
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
