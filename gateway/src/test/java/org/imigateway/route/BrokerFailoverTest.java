package org.imigateway.route;

import static org.imigateway.GatewayParts.partsOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

import org.imigateway.Gateway;
import org.imigateway.broker.ArtemisPair;
import org.imigateway.broker.ArtemisProcess;
import org.imigateway.broker.ExternalBroker;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.fs.FolderInbox;
import org.imigateway.connectors.Submission;
import org.imigateway.connectors.fs.FolderInbox;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.store.Direction;
import org.imigateway.store.MessageLog;
import org.imigateway.store.MessageStatus;
import org.imigateway.store.StatusChange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A receiving gateway on an external Artemis pair (shared store, each broker in a JVM of its own,
 * configured from the shipped template) while a second gateway sends it a stream of messages; the
 * live broker is killed with SIGKILL mid-stream and the backup takes over. Every message ends
 * ACKNOWLEDGED at the sender and DELIVERED exactly once at the receiver, MessageId by MessageId.
 */
class BrokerFailoverTest {

    private static final String SERVICE = "urn:imigateway:test:failover";
    private static final int MESSAGES = 100;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void liveBrokerKilledMidStreamLosesAndDoublesNothing() throws Exception {
        try (ArtemisPair pair = ArtemisPair.start(dir.resolve("brokers"))) {
            String url = pair.url();
            DemoNetwork network = CrashSafetyTest.senderAndReceiver(dir.resolve("net"), "failover", SERVICE);
            Files.writeString(network.home("receiver").resolve("config/gateway.properties"),
                    "\nbroker.url=" + url + "\nbroker.user=" + ArtemisProcess.USER + "\nbroker.password="
                            + ArtemisProcess.PASSWORD + "\n", StandardOpenOption.APPEND);
            Path payload = Files.writeString(dir.resolve("payload.xml"), "<failover xmlns=\"urn:test\">"
                    + "x".repeat(2000) + "</failover>", StandardCharsets.UTF_8);

            try (Gateway receiver = Gateway.start(network.home("receiver"));
                 Gateway sender = Gateway.start(network.home("sender"))) {
                assertTrue(partsOf(receiver).broker() instanceof ExternalBroker, "the receiver uses the pair");
                await(Duration.ofSeconds(30), () -> partsOf(receiver).broker().live().contains("backup announced at"),
                        "the backup seen: " + partsOf(receiver).broker().live());
                Thread stream = new Thread(() -> submitAll(sender, payload), "failover-stream");
                stream.start();
                await(Duration.ofMinutes(2), () -> delivered(receiver) >= MESSAGES / 4, "a quarter delivered");
                long deliveredAtKill = delivered(receiver);
                Duration failover = pair.killLive();
                System.out.println("FAILOVER: live broker killed with " + deliveredAtKill + " of " + MESSAGES
                        + " delivered; backup live after " + failover.toMillis() + " ms");
                // The old backup is live now and nobody backs it up until the killed one comes back.
                await(Duration.ofSeconds(60), () -> partsOf(receiver).broker().live().contains("no backup announced"),
                        "the lost backup seen: " + partsOf(receiver).broker().live());
                pair.restartKilledAsBackup();
                await(Duration.ofSeconds(60), () -> partsOf(receiver).broker().live().contains("backup announced at"),
                        "the killed broker seen back as the backup: " + partsOf(receiver).broker().live());
                stream.join(Duration.ofMinutes(2).toMillis());
                await(Duration.ofMinutes(3), () -> acknowledged(sender) == MESSAGES && delivered(receiver) == MESSAGES,
                        "every message acknowledged and delivered");

                MessageLog sent = partsOf(sender).messageLog();
                MessageLog received = partsOf(receiver).messageLog();
                Set<String> inbox = new HashSet<>();
                for (Path folder : receiver.inbox().messages()) {
                    String id = FolderInbox.read(folder).messageId();
                    assertTrue(inbox.add(id), "delivered twice: " + id);
                }
                assertAcknowledgedAndDeliveredOnce(MESSAGES, BrokerFailoverTest::messageId, sent, inbox, received);
            }
        }
    }

    /**
     * Each of the {@code count} messages named by {@code messageId} is ACKNOWLEDGED at the sender, in
     * the inbox (whose MessageIds were read once each) and DELIVERED once in the receiving side's history.
     */
    static void assertAcknowledgedAndDeliveredOnce(int count, IntFunction<String> messageId, MessageLog sent,
            Set<String> inbox, MessageLog received) {
        for (int i = 0; i < count; i++) {
            String id = messageId.apply(i);
            assertEquals(MessageStatus.ACKNOWLEDGED, sent.find(id, Direction.OUTBOUND).orElseThrow().status(), id);
            assertTrue(inbox.contains(id), "not in the receiving side's inbox: " + id);
            List<StatusChange> history = received.history(id, Direction.INBOUND);
            assertEquals(1, history.stream().filter(c -> c.to() == MessageStatus.DELIVERED).count(), id + " " + history);
        }
    }

    private static void submitAll(Gateway sender, Path payload) {
        try {
            for (int i = 0; i < MESSAGES; i++) {
                sender.submit(Submission.to("receiver").service(SERVICE).action("Deliver").messageId(messageId(i))
                        .payload(Payload.of(payload, "application/xml")).build());
                Thread.sleep(40);  // a stream, not a burst: the kill falls in the middle of it
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String messageId(int i) {
        return "failover-" + i + "@test";
    }

    private static long delivered(Gateway receiver) {
        return partsOf(receiver).messageLog().countByStatus().getOrDefault(MessageStatus.DELIVERED, 0L);
    }

    private static long acknowledged(Gateway sender) {
        return partsOf(sender).messageLog().countByStatus().getOrDefault(MessageStatus.ACKNOWLEDGED, 0L);
    }

    static void await(Duration patience, BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        while (!condition.getAsBoolean()) {
            assertTrue(Instant.now().isBefore(deadline), "not reached after " + patience + ": " + what);
            Thread.sleep(200);
        }
    }
}
