package org.imigateway.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

import org.imigateway.Gateway;
import org.imigateway.certificates.CertificateAuthority;
import org.imigateway.certificates.PartyKit;
import org.imigateway.certificates.PkiLayout;
import org.imigateway.conformance.run.CaseResult;
import org.imigateway.conformance.run.Verdict;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.testsupport.Folders;
import org.imigateway.testsupport.FreePort;
import org.imigateway.testsupport.GatewayHome;
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

    /** The hub's own overdue timer, every {@value Sandbox#OVERDUE_CHECK_SECONDS} s in the sandbox, sends the notice. */
    @Test
    void aRobotsRequestPastItsAnswerByDateBringsTheIntegratorTheHubsOverdueNotice() throws Exception {
        Scenario scenario = scenario("request.pq-request.integrator=responder", "request.pq-request.robot=DE-ROBOT",
                "request.pq-request.overdue=true", "request.pq-request.closeAfterSeconds=0", "registration=false",
                "timeoutSeconds=30"); // shorter than the hub's default check period (60 s): it must be the sandbox's

        List<CaseResult> results = play(scenario,
                new ScriptedIntegrator(sandbox.integratorBackend(), sandbox.directory(), false, false, Optional.empty()));

        assertEquals(List.of("pq-request-request-received", "pq-request-overdue-received", "pq-request-closed"),
                results.stream().map(r -> r.testCase().id()).toList());
        byStep(results).forEach((step, verdict) -> assertEquals(Verdict.Status.PASS, verdict.status(), step + ": " + verdict.message()));
        Verdict overdue = byStep(results).get("pq-request-overdue-received");
        assertEquals("seen: Overdue from hub to IE-INTEGRATOR in procedure pq-request", overdue.message());
        String notice = results.get(1).exchanges().get(0).requestSoap(); // the hub's document as delivered
        assertTrue(notice.contains(Documents.today().minusDays(1) + "</") && notice.contains("SENT</"), notice);
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

    /**
     * The integrator's own AS4 system, played by a gateway of ours beside the sandbox with keys of
     * its own that the sandbox's CA issues (its party name is the hub's partner, {@code integrator});
     * its national system is its folder backend.
     */
    private static Path ownEndpoint(Path home) throws Exception {
        Path sandboxDir = dir.resolve("sandbox");
        Path original = sandboxDir.resolve(SandboxDirectory.INTEGRATOR_ACCESS_POINT);
        Folders.copyTree(original.resolve("config"), home.resolve("config"));
        Folders.copyTree(original.resolve("keystores"), home.resolve("keystores"));
        Path pki = sandboxDir.resolve("pki");
        String party = SandboxDirectory.INTEGRATOR_ACCESS_POINT;
        Path kit = home.resolve("kit");
        PartyKit.issue(CertificateAuthority.load(PkiLayout.caKeyStore(pki), DemoNetwork.DEMO_PASSWORD.toCharArray()), party,
                List.of("localhost", "127.0.0.1")).writeTo(kit, DemoNetwork.DEMO_PASSWORD.toCharArray());
        Files.copy(PartyKit.keyStoreFile(kit, party), home.resolve("keystores/" + party + ".p12"), StandardCopyOption.REPLACE_EXISTING);
        Path certs = home.resolve("config/pmodes/certs");
        Files.copy(PartyKit.signingCertificateFile(kit, party), certs.resolve(party + "-signing.pem"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(PartyKit.encryptionCertificateFile(kit, party), certs.resolve(party + "-encryption.pem"),
                StandardCopyOption.REPLACE_EXISTING);
        for (String alias : PartyKit.PROFILE_ALIASES.keySet()) {
            Files.copy(PartyKit.certificateFile(kit, party, alias), certs.resolve(party + "-" + alias + ".pem"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        GatewayHome.at(home).editProperties(p -> p.replaceAll("(?m)^http\\.port=.*$", "http.port=" + FreePort.onLoopback()));
        return home;
    }

    @Test
    void theIntegratorsOwnEndpointIsTheHubsPartnerAndAWrongCertificateFailsTheStepWithTheEndpointsError() throws Exception {
        Path home = ownEndpoint(dir.resolve("own-endpoint"));
        Path certs = home.resolve("config/pmodes/certs");
        try (Gateway own = Gateway.start(home)) {
            String url = own.endpoints().get(0);
            sandbox.usePartner(Optional.of(Partner.of(url, certs.resolve("integrator-signing.pem"),
                    Optional.of(certs.resolve("integrator-encryption.pem")), Instant.now())));
            Scenario request = scenario("request.pq-request.integrator=responder", "request.pq-request.robot=DE-ROBOT",
                    "request.pq-request.closeAfterSeconds=0", "registration=false", "timeoutSeconds=60");

            List<CaseResult> results = play(request, new ScriptedIntegrator(home.resolve(Sandbox.BACKEND), sandbox.directory(),
                    false, false, Optional.empty()));

            // received by the endpoint: judged from the hub's log (receipted); sent by it: seen at the robot
            byStep(results).forEach((step, verdict) -> assertEquals(Verdict.Status.PASS, verdict.status(), step + ": "
                    + verdict.message()));
            assertEquals(4, results.size());
            String html = Files.readString(dir.resolve("sandbox/report/report.html"), StandardCharsets.UTF_8);
            assertTrue(html.contains("at its own AS4 endpoint " + url), "the report names the endpoint");

            // the hub's refusal, read from its own log and documents as the endpoint got it
            List<CaseResult> early = play(request, new ScriptedIntegrator(home.resolve(Sandbox.BACKEND), sandbox.directory(),
                    true, false, Optional.empty()));
            Verdict accept = byStep(early).get("pq-request-accept");
            assertEquals(Verdict.Status.FAIL, accept.status(), accept.message());
            assertTrue(accept.message().contains("the hub refused Answer in state SENT: action Answer is not allowed"),
                    accept.message());

            // the hub's own Overdue: from its log, with the document the hub wrote (no robot sent it)
            List<CaseResult> late = play(scenario("request.pq-request.integrator=responder", "request.pq-request.robot=DE-ROBOT",
                    "request.pq-request.overdue=true", "request.pq-request.closeAfterSeconds=0", "registration=false",
                    "timeoutSeconds=30"), new ScriptedIntegrator(home.resolve(Sandbox.BACKEND), sandbox.directory(), false, false,
                    Optional.empty()));
            byStep(late).forEach((step, verdict) -> assertEquals(Verdict.Status.PASS, verdict.status(), step + ": "
                    + verdict.message()));
            assertEquals(3, late.size());

            // the hub encrypts for a certificate whose key the endpoint does not have
            Path wrong = dir.resolve("sandbox/hub/config/pmodes/certs/ap-de-encryption.pem");
            sandbox.usePartner(Optional.of(Partner.of(url, certs.resolve("integrator-signing.pem"), Optional.of(wrong),
                    Instant.now())));

            List<CaseResult> refused = sandbox.play(scenario("alert.robot=FR-ROBOT", "registration=false", "timeoutSeconds=30"),
                    Clock.systemUTC());

            Verdict received = byStep(refused).get("alert-received");
            assertEquals(Verdict.Status.FAIL, received.status(), received.message());
            assertTrue(received.message().contains("the hub could not deliver it to your endpoint: EBMS:0102"), received.message());
        } finally {
            sandbox.usePartner(Optional.empty());
        }
    }
}
