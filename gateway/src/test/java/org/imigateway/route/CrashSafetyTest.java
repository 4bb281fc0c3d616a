package org.imigateway.route;

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
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.imigateway.connectors.fs.FolderInbox;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.store.Database;
import org.imigateway.store.Direction;
import org.imigateway.store.MessageLog;
import org.imigateway.store.MessageRecord;
import org.imigateway.store.MessageStatus;
import org.imigateway.store.StatusChange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invariant 1 of DESIGN.md under fire: the sending gateway and then the receiving gateway run
 * in JVMs of their own and are killed with SIGKILL at random moments, three times each, while
 * messages flow. In the end every message is ACKNOWLEDGED at the sender and delivered exactly
 * once at the receiver, compared MessageId by MessageId.
 *
 * <p>{@code -Dcrash.messages} sets the count (default 2000); the {@code crash-long} Maven
 * profile raises it and the number of kills.
 */
class CrashSafetyTest {

    static final String SERVICE = "urn:imigateway:test:crash";
    private static final int MESSAGES = Integer.getInteger("crash.messages", 2000);
    private static final int KILLS = Integer.getInteger("crash.kills", 3);
    private static final Duration FINISH = Duration.ofMinutes(Integer.getInteger("crash.minutes", 8));

    @TempDir
    Path dir;

    @Test
    void killedGatewaysLoseNothingAndDeliverNothingTwice() throws Exception {
        DemoNetwork network = senderAndReceiver(dir.resolve("net"), "crash", SERVICE);
        Path payload = Files.writeString(dir.resolve("payload.xml"), "<crash xmlns=\"urn:test\">" + "x".repeat(2000) + "</crash>",
                StandardCharsets.UTF_8);
        Path senderHome = network.home("sender");
        Path receiverHome = network.home("receiver");
        Random random = new Random();

        Node receiver = new Node(receiverHome, List.of());
        Node sender = new Node(senderHome, List.of("receiver", Integer.toString(MESSAGES), payload.toString()));
        receiver.start();
        sender.start();
        for (int kill = 0; kill < KILLS; kill++) {
            sender.runFor(Duration.ofMillis(2500 + random.nextInt(4000)));
            sender.kill();
            sender.start();
        }
        for (int kill = 0; kill < KILLS; kill++) {
            receiver.runFor(Duration.ofMillis(2500 + random.nextInt(4000)));
            receiver.kill();
            receiver.start();
        }
        Instant deadline = Instant.now().plus(FINISH);
        while (acknowledged(senderHome) < MESSAGES) {
            assertTrue(Instant.now().isBefore(deadline), "only " + acknowledged(senderHome) + " of " + MESSAGES
                    + " ACKNOWLEDGED after " + FINISH);
            sender.checkAlive();
            receiver.checkAlive();
            Thread.sleep(500);
        }
        // Let the receiver hand the last messages to its backend, then stop both cleanly.
        Instant deliveryDeadline = Instant.now().plusSeconds(60);
        while (Files.list(receiverHome.resolve("data/inbox")).count() < MESSAGES && Instant.now().isBefore(deliveryDeadline)) {
            Thread.sleep(200);
        }
        sender.stop();
        receiver.stop();

        try (Database db = Database.open(senderHome.resolve("data/derby"))) {
            MessageLog log = new MessageLog(db);
            for (int i = 0; i < MESSAGES; i++) {
                MessageRecord record = log.find(CrashNode.messageId(i), Direction.OUTBOUND).orElseThrow(
                        () -> new AssertionError("the sender lost a submitted message"));
                assertEquals(MessageStatus.ACKNOWLEDGED, record.status(), record.header().messageId());
            }
        }
        Set<String> delivered = new HashSet<>();
        try (var folders = Files.list(receiverHome.resolve("data/inbox"))) {
            for (Path folder : folders.toList()) {
                String id = FolderInbox.read(folder).messageId();
                assertTrue(delivered.add(id), "delivered twice: " + id);
            }
        }
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < MESSAGES; i++) {
            expected.add(CrashNode.messageId(i));
        }
        assertEquals(expected, delivered, "the receiver's backend must hold every message exactly once");
        try (Database db = Database.open(receiverHome.resolve("data/derby"))) {
            MessageLog log = new MessageLog(db);
            for (String id : expected) {
                List<StatusChange> history = log.history(id, Direction.INBOUND);
                assertEquals(1, history.stream().filter(c -> c.to() == MessageStatus.DELIVERED).count(),
                        id + " " + history);
            }
        }
        // Recovery after each kill finds messages still queued; it must leave them, not have the broker
        // drop a copy and log AMQ222059 with a dump of each.
        for (Path home : List.of(senderHome, receiverHome)) {
            assertNoDuplicateDrops(home);
        }
    }

    /** No AMQ222059 (the broker dropping a duplicate and logging the whole message) in any log of the node. */
    static void assertNoDuplicateDrops(Path home) throws IOException {
        try (var logs = Files.list(home)) {
            for (Path log : logs.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().toList()) {
                long drops = Files.readAllLines(log, StandardCharsets.ISO_8859_1).stream()
                        .filter(line -> line.contains("AMQ222059")).count();
                assertEquals(0, drops, log + ": the broker dropped " + drops + " duplicate(s) that recovery re-queued");
            }
        }
    }

    /**
     * A sender and a receiver with a leg for {@code service} whose retries come every 3 s for half an
     * hour: long enough for any restart in a test, short enough that a retry comes soon.
     */
    static DemoNetwork senderAndReceiver(Path dir, String legId, String service) throws IOException {
        DemoNetwork network = DemoNetwork.create(dir, List.of("sender", "receiver"), false);
        String leg = """
                  <leg id="%s">
                    <service>%s</service>
                    <action>Deliver</action>
                    <security profile="edelivery-1.15"/>
                    <receptionAwareness retry="30;600;CONSTANT"/>
                  </leg>""".formatted(legId, service);
        for (Path home : network.homes().values()) {
            Path file = home.resolve("config/pmodes/pmodes.xml");
            Files.writeString(file, Files.readString(file).replace("</pmodes>", leg + "\n</pmodes>"));
        }
        return network;
    }

    private static long acknowledged(Path home) throws IOException {
        Path file = home.resolve("progress.properties");
        if (!Files.exists(file)) {
            return 0;
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        return Long.parseLong(p.getProperty(MessageStatus.ACKNOWLEDGED.name(), "0"));
    }

    /** One gateway JVM: started, killed with SIGKILL, restarted. */
    static final class Node {
        private final Path home;
        private final List<String> args;
        private Process process;
        private int generation;

        Node(Path home, List<String> args) {
            this.home = home;
            this.args = args;
        }

        void start() throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-cp", System.getProperty("java.class.path"), CrashNode.class.getName(), home.toString()));
            command.addAll(args);
            generation++;
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(home.resolve("node-" + generation + ".log").toFile()).start();
            // A bound on start-up, not part of what the test proves: two surefire forks on two busy cores
            // took a node over 90 s to start (recovery included) while nothing was wrong.
            Instant deadline = Instant.now().plusSeconds(180);
            while (!Files.readString(home.resolve("node-" + generation + ".log")).contains("READY")) {
                checkAlive();
                assertTrue(Instant.now().isBefore(deadline), "node " + home + " did not start");
                Thread.sleep(100);
            }
        }

        void runFor(Duration duration) throws InterruptedException, IOException {
            Thread.sleep(duration.toMillis());
            checkAlive();
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();  // SIGKILL on Linux: no shutdown hook runs
            process.waitFor(30, TimeUnit.SECONDS);
        }

        void stop() throws InterruptedException {
            process.destroy();           // SIGTERM: the shutdown hook closes the gateway
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }

        void checkAlive() throws IOException {
            if (!process.isAlive()) {
                throw new AssertionError("node " + home + " died by itself:\n"
                        + Files.readString(home.resolve("node-" + generation + ".log")));
            }
        }
    }
}
