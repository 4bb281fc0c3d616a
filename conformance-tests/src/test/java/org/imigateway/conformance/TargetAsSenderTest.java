package org.imigateway.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The listen role against our gateway as a separate process: while the suite listens on the
 * endpoint the gateway's PModes give our party, the harness makes the gateway send with
 * {@code imi-gateway send}, one message after the other, as an integrator would from a backend;
 * each send must end ACKNOWLEDGED (exit 0), so a receipt of the suite's that the target cannot
 * accept fails here.
 */
class TargetAsSenderTest {

    @TempDir
    Path work;

    @Test
    void everyListenCasePassesWhileOurGatewaySendsToTheSuite() throws Exception {
        ConformanceNetwork network = ConformanceNetwork.shared();
        Path payload = Files.writeString(work.resolve("payload.xml"),
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><request xmlns=\"urn:imi:test\">from the target</request>",
                StandardCharsets.UTF_8);
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger sent = new AtomicInteger();
        // the exit code of each send that ended by itself, in order, and its log; one stopped at the end is not here
        List<Path> logs = new CopyOnWriteArrayList<>();
        List<Integer> exitCodes = new CopyOnWriteArrayList<>();
        Thread sender = new Thread(() -> {
            while (!done.get() && sent.get() < 12) {
                Path log = work.resolve("send-" + sent.incrementAndGet() + ".log");
                try {
                    int exitCode = GatewayProcess.exitCode(log, Duration.ofMinutes(2), "send", "--home",
                            network.targetHome().toString(), "--to", ConformanceNetwork.SUITE, "--file", payload.toString(),
                            "--mime-type", "application/xml", "--property", "originalSender=urn:imi:c1",
                            "--property", "finalRecipient=urn:imi:c4", "--wait", "90");
                    logs.add(log);
                    exitCodes.add(exitCode);
                } catch (InterruptedException e) {
                    return; // the suite has ended: nobody listens any more
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }, "target-sends");

        Path reports = work.resolve("report");
        List<String> args = network.runArguments("listen", reports);
        args.addAll(List.of("--listen-port", String.valueOf(network.suitePort()), "--listen-wait", "90"));
        sender.start();
        SuiteRun run;
        CaseOutcomes outcomes;
        try {
            run = SuiteRun.of(args);
            outcomes = CaseOutcomes.read(reports.resolve("junit.xml"));
            // each passed case receipted one message: the last one's send ends by itself after the suite
            // does, once the target has read the receipt and closed (seconds; more on a busy machine)
            long receipted = outcomes.statuses().values().stream().filter("PASS"::equals).count();
            long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            long waiting = System.nanoTime();
            while (exitCodes.size() < receipted && sender.isAlive() && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            System.out.printf("TargetAsSenderTest: %d sends ended, waited %.1f s for them after the suite%n",
                    exitCodes.size(), (System.nanoTime() - waiting) / 1e9);
        } finally {
            done.set(true);
            sender.interrupt(); // stops the send in flight: nobody listens any more
            sender.join(60_000);
        }

        assertEquals(0, run.exitCode(), run.output());
        assertEquals(6, outcomes.statuses().size(), outcomes.statuses().toString());
        // the target's legs retry for 15 minutes: the give-up case runs against a short retry in TargetGivesUpTest
        assertEquals("SKIP", outcomes.status("listen-retries-then-gives-up"));
        assertTrue(outcomes.message("listen-retries-then-gives-up").contains("--target-retry"),
                outcomes.message("listen-retries-then-gives-up"));
        outcomes.statuses().entrySet().stream().filter(e -> !e.getKey().equals("listen-retries-then-gives-up"))
                .forEach(e -> assertEquals("PASS", e.getValue(), e.getKey() + ": " + outcomes.message(e.getKey())));
        // the suite's receipts are what the target's producer sees: each message the suite receipted is ACKNOWLEDGED
        assertTrue(exitCodes.size() >= 5, "5 passed cases, but only " + exitCodes.size() + " sends ended: " + exitCodes);
        for (int i = 0; i < exitCodes.size(); i++) {
            String log = Files.readString(logs.get(i));
            assertEquals(0, exitCodes.get(i), "imi-gateway send exits 0 on ACKNOWLEDGED:\n" + log);
            assertTrue(log.contains("ACKNOWLEDGED"), log);
        }
        assertTrue(outcomes.message("listen-retry").contains("sent again after HTTP 503"), outcomes.message("listen-retry"));
    }
}
