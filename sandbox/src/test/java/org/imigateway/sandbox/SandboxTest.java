package org.imigateway.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

import org.imigateway.conformance.run.CaseResult;
import org.imigateway.conformance.run.Verdict;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox end to end: a hub, three robot countries and the integrator's access point in this
 * JVM, real AS4 throughout; the integrator's national system is played through its folder backend.
 */
class SandboxTest {

    @TempDir
    static Path dir;

    private static Sandbox sandbox;

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(dir.resolve("sandbox"), "IE");
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private static List<CaseResult> play(Scenario scenario, ScriptedIntegrator integrator) throws Exception {
        Thread thread = new Thread(integrator, "scripted-integrator");
        thread.start();
        try {
            return sandbox.play(scenario, Clock.systemUTC());
        } finally {
            integrator.stop();
            thread.join(5_000);
        }
    }

    /** A scenario of {@code key=value} lines. */
    private static Scenario scenario(String... lines) {
        Properties properties = new Properties();
        for (String line : lines) {
            properties.setProperty(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
        }
        return Scenario.of(properties, "test");
    }

    private static Map<String, Verdict> byStep(List<CaseResult> results) {
        return results.stream().collect(Collectors.toMap(r -> r.testCase().id(), CaseResult::verdict));
    }

    @Test
    void aRightIntegratorPassesEveryStepOfThreeRequestLifecyclesAnAlertEachWayAndARegistration() throws Exception {
        Properties shipped = new Properties();
        try (InputStream in = SandboxCommand.class.getResourceAsStream("scenario.properties")) {
            shipped.load(in);
        }
        shipped.setProperty("timeoutSeconds", "60");
        shipped.setProperty("request.services-request.proposeAnswerBy", "true"); // the robot counters the date first
        Scenario scenario = Scenario.of(shipped, "the shipped scenario");

        List<CaseResult> results = play(scenario, new ScriptedIntegrator(sandbox.integratorBackend(), sandbox.directory(), false, true,
                Optional.of(ScenarioSteps.registeredAuthority(sandbox.directory(), sandbox.nextRun()))));

        Map<String, Verdict> verdicts = byStep(results);
        assertEquals(List.of("pq-request-request-received", "pq-request-accept", "pq-request-answer", "pq-request-closed",
                "services-request-submit", "services-request-answer-by-proposed", "services-request-accept-answer-by",
                "services-request-information-asked",
                "services-request-give-information", "services-request-answer-received", "services-request-close",
                "posting-request-request-received", "posting-request-accept", "posting-request-answer", "posting-request-closed",
                "alert-send", "alert-close", "alert-received", "registration-register", "registration-approved"),
                results.stream().map(r -> r.testCase().id()).toList());
        verdicts.forEach((step, verdict) -> assertEquals(Verdict.Status.PASS, verdict.status(), step + ": " + verdict.message()));

        String html = Files.readString(dir.resolve("sandbox/report/report.html"), StandardCharsets.UTF_8);
        for (String step : verdicts.keySet()) {
            assertTrue(html.contains("id=\"" + step + "\""), step);
        }
        String junit = Files.readString(dir.resolve("sandbox/report/junit.xml"), StandardCharsets.UTF_8);
        assertTrue(junit.contains("tests=\"20\"") && junit.contains("failures=\"0\""), junit);
    }

    @Test
    void anIntegratorThatAnswersBeforeAcceptingFailsTheAcceptStepWithTheHubsReason() throws Exception {
        Scenario wrong = scenario("request.pq-request.integrator=responder", "request.pq-request.robot=DE-ROBOT",
                "registration=false", "timeoutSeconds=60");

        List<CaseResult> results = play(wrong,
                new ScriptedIntegrator(sandbox.integratorBackend(), sandbox.directory(), true, false, Optional.empty()));

        Map<String, Verdict> verdicts = byStep(results);
        assertEquals(Verdict.Status.PASS, verdicts.get("pq-request-request-received").status());
        Verdict accept = verdicts.get("pq-request-accept");
        assertEquals(Verdict.Status.FAIL, accept.status(), accept.message());
        assertTrue(accept.message().contains("the hub refused Answer in state SENT"), accept.message());
        assertTrue(accept.message().contains("action Answer is not allowed in state SENT"), accept.message());
        assertEquals(Verdict.Status.SKIP, verdicts.get("pq-request-answer").status());
        assertEquals(Verdict.Status.SKIP, verdicts.get("pq-request-closed").status());
        String html = Files.readString(dir.resolve("sandbox/report/report.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("action Answer is not allowed in state SENT"));
    }

    /**
     * Runs in the same sandbox folder as the other plays, and registers again: each run registers
     * an authority of its own, so a run after one that registered is not refused as a duplicate.
     */
    @Test
    void aRobotWithdrawsItsAlertAndTheCoordinatorRefusesTheRegistrationOfThisRun() throws Exception {
        Scenario scenario = scenario("alert.robot=FR-ROBOT", "alert.robot.withdraw=true", "alert.robot.withdrawAfterSeconds=0",
                "registration=true", "registration.outcome=refuse", "registration.approveAfterSeconds=0", "timeoutSeconds=60");
        int run = sandbox.nextRun();
        String registered = ScenarioSteps.registeredAuthority(sandbox.directory(), run);

        List<CaseResult> results = play(scenario,
                new ScriptedIntegrator(sandbox.integratorBackend(), sandbox.directory(), false, false, Optional.of(registered)));

        assertEquals(List.of("alert-received", "alert-withdrawn", "registration-register", "registration-refused"),
                results.stream().map(r -> r.testCase().id()).toList());
        byStep(results).forEach((step, verdict) -> assertEquals(Verdict.Status.PASS, verdict.status(), step + ": " + verdict.message()));
        assertEquals("IE-INTEGRATOR-RUN" + run, registered);
        assertTrue(results.get(2).testCase().assertion().contains(registered), results.get(2).testCase().assertion());
    }
}
