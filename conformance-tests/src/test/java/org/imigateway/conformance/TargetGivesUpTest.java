package org.imigateway.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.imigateway.testsupport.Folders;
import org.imigateway.testsupport.GatewayHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code listen-retries-then-gives-up} alone against our gateway as a separate process: a copy of
 * the target's home (a database of its own, no file edited) sends to the suite as
 * {@link ConformanceNetwork#GIVE_UP}, on the leg {@code partner add} gave a retry of
 * {@value ConformanceNetwork#GIVE_UP_RETRY} (6 s, a retry every 2 s), so the case ends in seconds;
 * {@code imi-gateway send} is the producer, and its exit code and output are where EBMS:0301 shows,
 * since the suite cannot see it from the wire. A send from a fresh home takes 40 s or more on the
 * shared machine, so it runs in the {@code conformance-long} profile (conformance-tests/pom.xml);
 * the default run sees the case pass in {@link TargetAsSenderTest}.
 */
@EnabledIfSystemProperty(named = "conformance.long", matches = "true")
class TargetGivesUpTest {

    @TempDir
    Path work;

    @Test
    void theTargetRetriesAsItsPModeSaysThenGivesUpAndItsProducerGetsEbms0301() throws Exception {
        ConformanceNetwork network = ConformanceNetwork.shared();
        Path home = copyOfTarget(network, "target-retry");
        Path reports = work.resolve("report");

        CompletableFuture<Integer> send = sendFrom(home, work, ConformanceNetwork.GIVE_UP, ConformanceNetwork.GIVE_UP_ACTION);
        SuiteRun run = SuiteRun.of(arguments(network, ConformanceNetwork.GIVE_UP_RETRY, reports));

        assertEquals(0, run.exitCode(), run.output());
        CaseOutcomes outcomes = CaseOutcomes.read(reports.resolve("junit.xml"));
        String message = outcomes.message("listen-retries-then-gives-up");
        assertEquals("PASS", outcomes.status("listen-retries-then-gives-up"), message);
        assertTrue(message.contains("then stopped within its window of 6.0 s") && message.contains("cannot be seen from the wire"),
                message);
        int exitCode = send.get();
        String log = Files.readString(work.resolve("send.log"));
        assertEquals(3, exitCode, "imi-gateway send exits 3 on SEND_FAILURE:\n" + log);
        assertTrue(log.contains("SEND_FAILURE") && log.contains("EBMS:0301"), log);
    }

    /** A home like the target's: its keys and PModes, a database of its own. */
    static Path copyOfTarget(ConformanceNetwork network, String name) throws Exception {
        Path home = network.dir.resolve("net/" + name);
        Folders.deleteTree(home);
        for (String folder : List.of("config", "keystores")) {
            Folders.copyTree(network.targetHome().resolve(folder), home.resolve(folder));
        }
        return home;
    }

    /** A copy of the target whose legs in pmodes.xml retry as {@code retry} says: a faulty target, edited on purpose. */
    static Path targetWithRetry(ConformanceNetwork network, String name, String retry) throws Exception {
        Path home = copyOfTarget(network, name);
        GatewayHome.at(home).editPModes(xml -> xml.replaceAll("retry=\"[^\"]*\"", "retry=\"" + retry + "\""));
        return home;
    }

    /**
     * The target sends one message to the suite, as party {@code to} on action {@code action}, in the
     * background as its backend would; the future is the exit code.
     */
    static CompletableFuture<Integer> sendFrom(Path home, Path work, String to, String action) throws Exception {
        Path payload = Files.writeString(work.resolve("payload.xml"),
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><request xmlns=\"urn:imi:test\">never receipted</request>",
                StandardCharsets.UTF_8);
        return CompletableFuture.supplyAsync(() -> {
            try {
                return GatewayProcess.exitCode(work.resolve("send.log"), Duration.ofMinutes(2), "send", "--home",
                        home.toString(), "--to", to, "--action", action, "--file", payload.toString(), "--mime-type",
                        "application/xml", "--property", "originalSender=urn:imi:c1", "--property", "finalRecipient=urn:imi:c4",
                        "--wait", "60");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static List<String> arguments(ConformanceNetwork network, String retry, Path reports) throws Exception {
        List<String> args = network.runArguments("listen-retries-then-gives-up", reports);
        args.addAll(List.of("--listen-port", String.valueOf(network.suitePort()), "--listen-wait", "60",
                "--target-retry", retry));
        return args;
    }
}
