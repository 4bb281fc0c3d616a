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
 * {@code imi-gateway send}, one message per case after the other, as an integrator would from a
 * backend. Each receipted send must end ACKNOWLEDGED (exit 0), so a receipt of the suite's that the
 * target cannot accept fails here; the last, for {@code listen-retries-then-gives-up}, goes to the
 * suite as {@link ConformanceNetwork#GIVE_UP}, whose leg {@code partner add} gave a 6 s retry, and
 * must end SEND_FAILURE with EBMS:0301 (exit 3) once the target has given up.
 */
class TargetAsSenderTest {

    private static final String GIVES_UP = "listen-retries-then-gives-up";
    /** The listen cases, each judging one message, the give-up case last. */
    private static final int CASES = 6;

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
            while (!done.get() && sent.get() < CASES) {
                boolean last = sent.get() == CASES - 1;
                Path log = work.resolve("send-" + sent.incrementAndGet() + ".log");
                try {
                    int exitCode = GatewayProcess.exitCode(log, Duration.ofMinutes(2), "send", "--home",
                            network.targetHome().toString(), "--to", last ? ConformanceNetwork.GIVE_UP : ConformanceNetwork.SUITE,
                            "--action", last ? ConformanceNetwork.GIVE_UP_ACTION : ConformanceNetwork.ACTION,
                            "--file", payload.toString(), "--mime-type", "application/xml",
                            "--property", "originalSender=urn:imi:c1", "--property", "finalRecipient=urn:imi:c4",
                            "--wait", "90");
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
        args.addAll(List.of("--listen-port", String.valueOf(network.suitePort()), "--listen-wait", "90",
                "--target-retry", ConformanceNetwork.GIVE_UP_RETRY));
        sender.start();
        SuiteRun run;
        CaseOutcomes outcomes;
        try {
            run = SuiteRun.of(args);
            outcomes = CaseOutcomes.read(reports.resolve("junit.xml"));
            // each passed case judged one message, whose send ends by itself: receipted, or given up on
            // (the last receipt may reach the target after the suite has ended; seconds, more on a busy machine)
            long judged = outcomes.statuses().values().stream().filter("PASS"::equals).count();
            long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            long waiting = System.nanoTime();
            while (exitCodes.size() < judged && sender.isAlive() && System.nanoTime() < until) {
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
        // every listen case runs, none skipped: the target's home was prepared with documented commands only
        assertEquals(CASES, outcomes.statuses().size(), outcomes.statuses().toString());
        outcomes.statuses().forEach((id, status) -> assertEquals("PASS", status, id + ": " + outcomes.message(id)));
        assertTrue(outcomes.message("listen-retry").contains("sent again after HTTP 503"), outcomes.message("listen-retry"));
        assertTrue(outcomes.message(GIVES_UP).contains("was sent 3 time(s)")
                && outcomes.message(GIVES_UP).contains("then stopped within its window of 6.0 s"), outcomes.message(GIVES_UP));
        // the suite's receipts are what the target's producer sees: each message the suite receipted is
        // ACKNOWLEDGED, and the one it never receipted fails with EBMS:0301, which the wire does not show
        assertEquals(CASES, exitCodes.size(), "6 passed cases, but " + exitCodes.size() + " sends ended: " + exitCodes);
        for (int i = 0; i < CASES - 1; i++) {
            String log = Files.readString(logs.get(i));
            assertEquals(0, exitCodes.get(i), "imi-gateway send exits 0 on ACKNOWLEDGED:\n" + log);
            assertTrue(log.contains("ACKNOWLEDGED"), log);
        }
        String gaveUp = Files.readString(logs.get(CASES - 1));
        assertEquals(3, exitCodes.get(CASES - 1), "imi-gateway send exits 3 on SEND_FAILURE:\n" + gaveUp);
        assertTrue(gaveUp.contains("SEND_FAILURE") && gaveUp.contains("EBMS:0301"), gaveUp);
    }
}
