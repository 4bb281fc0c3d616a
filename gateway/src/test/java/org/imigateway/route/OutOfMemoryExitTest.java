package org.imigateway.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.imigateway.Gateway;
import org.imigateway.TestNetwork;
import org.imigateway.connectors.fs.FolderInbox;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;
import org.imigateway.store.Database;
import org.imigateway.store.Direction;
import org.imigateway.store.MessageLog;
import org.imigateway.store.MessageStatus;
import org.imigateway.store.StatusChange;
import org.imigateway.testsupport.ChildLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Show 4 of issue 18 with a real OutOfMemoryError: the receiving gateway runs in a JVM of its own
 * started as the launcher starts it ({@code -XX:+ExitOnOutOfMemoryError}), and its first delivery
 * exhausts the heap. The process exits non-zero; started again (as systemd's Restart=on-failure does),
 * it delivers the receipted message exactly once.
 */
class OutOfMemoryExitTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(360)
    void outOfMemoryInDeliveryExitsTheProcessAndTheRestartDeliversOnce() throws Exception {
        try (TestNetwork network = TestNetwork.create(dir.resolve("net"), "gw-a", "gw-b")) {
            Path home = network.plan().home("gw-b");
            Process first = startNode(home, "first", "oom");
            Gateway a = network.start("gw-a");  // while gw-b's JVM starts
            awaitReady(home, "first", first);
            assertTrue(log(home, "first").contains("exitsOnOutOfMemoryError=true"), "the flag is read back: " + log(home, "first"));
            Path note = Files.writeString(dir.resolve("note.xml"), "<note xmlns=\"urn:test\">oom</note>", StandardCharsets.UTF_8);
            String id = a.submit(Submission.to("gw-b").service(DemoNetwork.SERVICE, DemoNetwork.SERVICE_TYPE)
                    .action(DemoNetwork.ACTION).payload(Payload.of(note, "application/xml")).build());
            assertEquals(MessageStatus.ACKNOWLEDGED, a.awaitOutcome(id, Duration.ofSeconds(90)).status(),
                    "gw-b receipted the message before its delivery ran out of memory");

            assertTrue(first.waitFor(120, TimeUnit.SECONDS), "the gateway kept running after an OutOfMemoryError:\n"
                    + log(home, "first"));
            assertNotEquals(0, first.exitValue(), log(home, "first"));
            assertTrue(log(home, "first").contains("Terminating due to java.lang.OutOfMemoryError"), log(home, "first"));
            assertFalse(log(home, "first").contains("NOT REACHED"));
            assertEquals(0, deliveredCount(home), "nothing was delivered before the exit");

            Process second = startNode(home, "second");
            try {
                awaitReady(home, "second", second);
                awaitDelivered(home, second);
            } finally {
                second.destroy();  // SIGTERM: the shutdown hook closes the gateway, so its database can be read
                if (!second.waitFor(120, TimeUnit.SECONDS)) {
                    second.destroyForcibly().waitFor();
                }
            }
            try (Database db = Database.open(home.resolve("data/derby"))) {
                List<StatusChange> history = new MessageLog(db).history(id, Direction.INBOUND);
                assertEquals(1, history.stream().filter(c -> c.to() == MessageStatus.RECEIVED).count(), history.toString());
                assertEquals(1, history.stream().filter(c -> c.to() == MessageStatus.DELIVERED).count(), history.toString());
            }
            try (var folders = Files.list(inbox(home))) {
                List<Path> delivered = folders.toList();
                assertEquals(1, delivered.size(), delivered.toString());
                assertEquals(id, FolderInbox.read(delivered.get(0)).messageId());
            }
        }
    }

    private static Path inbox(Path home) {
        return home.resolve("data/inbox");
    }

    private static long deliveredCount(Path home) throws IOException {
        if (!Files.exists(inbox(home))) {
            return 0;
        }
        try (var folders = Files.list(inbox(home))) {
            return folders.count();
        }
    }

    private static void awaitDelivered(Path home, Process node) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (deliveredCount(home) == 0) {
            assertTrue(node.isAlive(), "the restarted gateway died:\n" + log(home, "second"));
            assertTrue(Instant.now().isBefore(deadline), "not delivered after the restart:\n" + log(home, "second"));
            Thread.sleep(100);
        }
    }

    /**
     * The gateway's JVM with the launcher's flag and a heap small enough to exhaust quickly; the C1-only
     * compiler and the serial collector only make it start faster on a busy test machine.
     */
    private static Process startNode(Path home, String name, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+ExitOnOutOfMemoryError", "-Xmx192m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                OutOfMemoryNode.class.getName(), home.toString()));
        command.addAll(List.of(args));
        Path log = home.resolve("node-" + name + ".log");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void awaitReady(Path home, String name, Process process) throws Exception {
        ChildLog.await(process, home.resolve("node-" + name + ".log"), "READY", Duration.ofSeconds(120));
    }

    private static String log(Path home, String name) throws IOException {
        return Files.readString(home.resolve("node-" + name + ".log"));
    }
}
