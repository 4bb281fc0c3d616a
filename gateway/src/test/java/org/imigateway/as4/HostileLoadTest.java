package org.imigateway.as4;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.imigateway.Gateway;
import org.imigateway.TestNetwork;
import org.imigateway.as4.outflow.SendResult;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.config.GatewayConfig;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;
import org.imigateway.route.CrashNode;
import org.imigateway.connectors.fs.FolderInbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.imigateway.xml.SecureXml;
import org.imigateway.testsupport.FreePort;
import org.imigateway.testsupport.ChildLog;

/**
 * Issue 18, Show 1: a receiving gateway in a JVM of its own with a 256 MB heap that exits on
 * OutOfMemoryError takes {@link #ATTACKERS} concurrent streams of wide 4 MB envelopes (a million
 * sibling elements, under the size and depth limits: the SOAP size limit is raised to its 4 MiB
 * ceiling for this) for {@link #ATTACK}. Every one is refused with EBMS:0009 (or 503, should
 * admission control answer first); a valid signed message sent during and one sent after the
 * attack are receipted and delivered; /health answers throughout; the JVM is alive at the end.
 * The {@code hostile-long} Maven profile runs 32 attackers for five minutes.
 */
class HostileLoadTest {

    private static final int ATTACKERS = Integer.getInteger("hostile.attackers", 24);
    private static final Duration ATTACK = Duration.ofSeconds(Integer.getInteger("hostile.attackSeconds", 20));
    private static final String TYPE = "multipart/related; type=\"application/soap+xml\"; boundary=b";
    private static final int SIBLINGS = 1_000_000;

    @TempDir
    Path dir;

    @Test
    void wideEnvelopesAreRefusedWhileValidMessagesAreDeliveredAndTheSmallHeapHolds() throws Exception {
        try (TestNetwork network = TestNetwork.create(dir.resolve("net"), "gw-a", "gw-b")) {
            Path receiverHome = network.plan().home("gw-b");
            int adminPort = FreePort.onLoopback();
            Files.writeString(receiverHome.resolve(GatewayConfig.FILE), "\nadmin.port=" + adminPort + "\n"
                    + ParseLimits.SOAP_MAX_BYTES + "=" + SecureXml.MAX_ENVELOPE_BYTES + "\n",
                    java.nio.file.StandardOpenOption.APPEND);
            Instant begin = Instant.now();
            Process receiver = launchReceiver(receiverHome);
            try {
                Gateway sender = network.start("gw-a");  // while the receiver's JVM starts
                awaitReady(receiver, receiverHome);
                System.out.println("both gateways started after " + Duration.between(begin, Instant.now()));
                attack(network.plan().port("gw-b"), adminPort, receiver, sender, receiverHome);
            } finally {
                receiver.destroy();
                if (!receiver.waitFor(60, TimeUnit.SECONDS)) {
                    receiver.destroyForcibly().waitFor();
                }
            }
        }
    }

    private void attack(int port, int adminPort, Process receiver, Gateway sender, Path receiverHome) throws Exception {
        Instant end = Instant.now().plus(ATTACK);
        Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        List<Thread> attackers = new ArrayList<>();
        for (int i = 0; i < ATTACKERS; i++) {
            // Attackers come from other addresses than the partner (127.0.0.1), as they would: six of
            // them, each within the port's per-client share, so the parse budget is what is tested.
            String from = "127.0.0." + (2 + i % 6);
            Thread attacker = new Thread(() -> {
                while (Instant.now().isBefore(end)) {
                    try {
                        RawPost.Answer answer = RawPost.post(from, port, As4Endpoint.PATH, TYPE, -1, wideEnvelope());
                        String kind = answer.status() + (answer.body().contains("EBMS:0009") ? " EBMS:0009" : "");
                        answers.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
                        boolean refused = answer.status() == 500 && answer.body().contains("EBMS:0009")
                                && answer.body().contains(ParseLimits.SOAP_MAX_ELEMENTS);
                        if (!refused && answer.status() != 503) {
                            unexpected.add(answer.status() + " " + answer.body());
                        }
                    } catch (IOException | InterruptedException e) {
                        unexpected.add(e.toString());
                    }
                }
            }, "attacker-" + i);
            attacker.setDaemon(true);
            attacker.start();
            attackers.add(attacker);
        }
        HealthPoller health = new HealthPoller(adminPort, end);
        health.start();

        Thread.sleep(ATTACK.toMillis() / 3);
        String during = sendValid(sender, "during");
        for (Thread attacker : attackers) {
            attacker.join(Duration.between(Instant.now(), end).toMillis() + 120_000);
        }
        health.join(30_000);
        System.out.println("attack over " + Duration.between(end, Instant.now()) + " after its planned end");
        String after = sendValid(sender, "after");

        assertTrue(receiver.isAlive(), "the receiving JVM exited: " + Files.readString(receiverHome.resolve("node.log")));
        System.out.println("answers to " + ATTACKERS + " attackers over " + ATTACK + ": " + answers + "; /health polls "
                + health.answered + ", failed " + health.failures);
        assertTrue(unexpected.isEmpty(), unexpected.size() + " wrong answers, first: " + unexpected.peek());
        assertTrue(answers.values().stream().mapToInt(AtomicInteger::get).sum() >= ATTACKERS, "the attack ran: " + answers);
        assertTrue(answers.getOrDefault("500 EBMS:0009", new AtomicInteger()).get() >= ATTACKERS,
                "the parse budget refused wide envelopes with EBMS:0009: " + answers);
        assertTrue(health.failures.isEmpty(), "/health did not answer: " + health.failures);
        assertTrue(health.answered.get() > 0, "/health was polled");
        awaitDelivered(receiverHome, during);
        awaitDelivered(receiverHome, after);
        assertFalse(Files.readString(receiverHome.resolve("node.log")).contains("OutOfMemoryError"),
                "no OutOfMemoryError in the receiver");
        assertTrue(receiver.isAlive(), "the receiving JVM is alive at the end");
    }

    /** A SOAP part of a million sibling elements, made as it is sent. */
    private static GeneratedBody wideEnvelope() {
        return GeneratedBody.of("--b\r\nContent-Type: application/soap+xml\r\nContent-ID: <root@attacker>\r\n\r\n"
                + "<S12:Envelope xmlns:S12=\"" + Namespaces.SOAP12 + "\"><S12:Header>", "<a/>", SIBLINGS - 1,
                "</S12:Header><S12:Body/></S12:Envelope>\r\n--b--\r\n");
    }

    private static String sendValid(Gateway sender, String when) throws IOException {
        Path payload = Files.writeString(Files.createTempFile("valid-", ".xml"), "<valid xmlns=\"urn:test\">" + when + "</valid>");
        SendResult result = sender.send(Submission.to("gw-b").service(DemoNetwork.SERVICE, DemoNetwork.SERVICE_TYPE)
                .action(DemoNetwork.ACTION).payload(Payload.of(payload, "application/xml")).build());
        return assertInstanceOf(SendResult.Acknowledged.class, result, "the message sent " + when + " the attack: " + result)
                .messageId();
    }

    private static void awaitDelivered(Path home, String messageId) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            try (var folders = Files.list(home.resolve("data/inbox"))) {
                for (Path folder : folders.toList()) {
                    if (Files.isDirectory(folder) && messageId.equals(FolderInbox.read(folder).messageId())) {
                        return;
                    }
                }
            } catch (IOException e) {
                // a folder being written: look again
            }
            Thread.sleep(200);
        }
        throw new AssertionError(messageId + " was not DELIVERED to the receiver's backend");
    }

    private static Process launchReceiver(Path home) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"), CrashNode.class.getName(),
                home.toString());
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(home.resolve("node.log").toFile()).start();
    }

    private static void awaitReady(Process process, Path home) throws Exception {
        ChildLog.await(process, home.resolve("node.log"), "READY", Duration.ofSeconds(90));
    }

    /** GETs /health every half second until the attack ends; any poll without an answer in 10 s is a failure. */
    private static final class HealthPoller extends Thread {
        private final URI uri;
        private final Instant end;
        private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        final AtomicInteger answered = new AtomicInteger();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

        HealthPoller(int port, Instant end) {
            super("health-poller");
            setDaemon(true);
            this.uri = URI.create("http://127.0.0.1:" + port + "/health");
            this.end = end;
        }

        @Override
        public void run() {
            while (Instant.now().isBefore(end)) {
                try {
                    HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                            .GET().build(), HttpResponse.BodyHandlers.ofString());
                    if (response.body().contains("\"status\"")) {
                        answered.incrementAndGet();
                    } else {
                        failures.add(response.statusCode() + " " + response.body());
                    }
                    Thread.sleep(500);
                } catch (IOException e) {
                    failures.add(Instant.now() + " " + e);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
