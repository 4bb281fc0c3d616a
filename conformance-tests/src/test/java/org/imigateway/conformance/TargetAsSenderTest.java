package org.imigateway.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The listen role against our gateway as a separate process: while the suite listens on the
 * endpoint the gateway's PModes give our party, the harness makes the gateway send with
 * {@code imi-gateway send}, one message after the other, as an integrator would from a backend.
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
        Thread sender = new Thread(() -> {
            while (!done.get() && sent.get() < 12) {
                try {
                    GatewayProcess.run(work.resolve("send-" + sent.incrementAndGet() + ".log"), Duration.ofMinutes(2),
                            "send", "--home", network.targetHome().toString(), "--to", ConformanceNetwork.SUITE,
                            "--file", payload.toString(),
                            "--mime-type", "application/xml", "--property", "originalSender=urn:imi:c1",
                            "--property", "finalRecipient=urn:imi:c4", "--wait", "90");
                } catch (Exception e) {
                    if (!done.get()) {
                        e.printStackTrace();
                    }
                }
            }
        }, "target-sends");

        Path reports = work.resolve("report");
        List<String> args = network.runArguments("listen", reports);
        args.addAll(List.of("--listen-port", String.valueOf(network.suitePort()), "--listen-wait", "90"));
        sender.start();
        SuiteRun run;
        try {
            run = SuiteRun.of(args);
        } finally {
            done.set(true);
            sender.interrupt(); // stops the send in flight: nobody listens any more
            sender.join(60_000);
        }

        assertEquals(0, run.exitCode(), run.output());
        CaseOutcomes outcomes = CaseOutcomes.read(reports.resolve("junit.xml"));
        assertEquals(6, outcomes.statuses().size(), outcomes.statuses().toString());
        // the target's legs retry for 15 minutes: the give-up case runs against a short retry in TargetGivesUpTest
        assertEquals("SKIP", outcomes.status("listen-retries-then-gives-up"));
        assertTrue(outcomes.message("listen-retries-then-gives-up").contains("--target-retry"),
                outcomes.message("listen-retries-then-gives-up"));
        outcomes.statuses().entrySet().stream().filter(e -> !e.getKey().equals("listen-retries-then-gives-up"))
                .forEach(e -> assertEquals("PASS", e.getValue(), e.getKey() + ": " + outcomes.message(e.getKey())));
        assertTrue(outcomes.message("listen-retry").contains("sent again after HTTP 503"), outcomes.message("listen-retry"));
    }
}
