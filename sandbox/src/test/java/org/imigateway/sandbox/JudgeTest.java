package org.imigateway.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

import org.imigateway.conformance.report.JUnitXmlReport;
import org.imigateway.conformance.run.CaseResult;
import org.imigateway.conformance.run.Verdict;
import org.imigateway.conformance.run.Verdict.Status;
import org.imigateway.connectors.Delivery;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.sandbox.SandboxDirectory.Area;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The judging alone, on deliveries made up here: order within a case, refusals, time-outs. */
class JudgeTest {

    private static final SandboxDirectory DIRECTORY = new SandboxDirectory(SandboxDirectory.ROBOT_COUNTRIES, "IE");
    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
    private static int counter;

    private static List<Step> requesterSteps() {
        Properties p = new Properties();
        p.setProperty("request.services-request.integrator", "requester");
        p.setProperty("request.services-request.robot", "FR-ROBOT");
        p.setProperty("request.services-request.askInformationFirst", "true");
        p.setProperty("registration", "false");
        return ScenarioSteps.of(Scenario.of(p, "test"), DIRECTORY, 1);
    }

    private static Seen seen(String action, String from, String to, String caseId) {
        String accessPoint = to.equals("IE-INTEGRATOR") ? "integrator" : "ap-fr";
        Delivery meta = new Delivery("m" + (++counter), "c", Optional.empty(), T0, accessPoint, "hub",
                "urn:imigateway:imi:request", Optional.empty(), action,
                List.of(MessageProperty.of("originalSender", from), MessageProperty.of("finalRecipient", to)), List.of());
        return new Seen(accessPoint, meta, "", Optional.of(Area.SERVICES.procedure), Optional.of(caseId), Optional.empty());
    }

    private static Seen refusal(String refusedAction, String state, String caseId) {
        Delivery meta = new Delivery("r" + (++counter), "c", Optional.of("x"), T0, "integrator", "hub",
                "urn:imigateway:imi:hub", Optional.empty(), "Refuse",
                List.of(MessageProperty.of("originalSender", "IE-INTEGRATOR"), MessageProperty.of("finalRecipient", "IE-INTEGRATOR")),
                List.of());
        String xml = "<refusal xmlns=\"urn:imigateway:imi:common:1\"><refMessageId>x</refMessageId><case procedure=\""
                + Area.SERVICES.procedure + "\" id=\"" + caseId + "\"/><action>" + refusedAction + "</action><state>" + state
                + "</state><reason lang=\"en\">action " + refusedAction + " is not allowed in state " + state + "</reason></refusal>";
        return new Seen("integrator", meta, xml, Optional.of(Area.SERVICES.procedure), Optional.of(caseId), Optional.empty());
    }

    private static Map<String, Verdict> verdicts(Judge judge) {
        return judge.results().stream().collect(Collectors.toMap(r -> r.testCase().id(), CaseResult::verdict));
    }

    @Test
    void stepsSeenOutOfOrderWithinOnePollStillPassInTheCasesOrder() {
        Judge judge = new Judge(requesterSteps(), T0);
        // the whole lifecycle turns up in one poll, newest first
        judge.observe(List.of(seen("Close", "IE-INTEGRATOR", "FR-ROBOT", "IE-1"), seen("Answer", "FR-ROBOT", "IE-INTEGRATOR", "IE-1"),
                seen("GiveInformation", "IE-INTEGRATOR", "FR-ROBOT", "IE-1"),
                seen("AskInformation", "FR-ROBOT", "IE-INTEGRATOR", "IE-1"), seen("Accept", "FR-ROBOT", "IE-INTEGRATOR", "IE-1"),
                seen("Submit", "IE-INTEGRATOR", "FR-ROBOT", "IE-1")), T0.plusSeconds(3));

        assertTrue(judge.done());
        assertEquals(6, judge.results().size());
        verdicts(judge).forEach((step, v) -> assertEquals(Status.PASS, v.status(), step));
    }

    @Test
    void aMessageOfAnotherCaseDoesNotCountOnceTheCaseIdIsKnown() {
        Judge judge = new Judge(requesterSteps(), T0);
        judge.observe(List.of(seen("Submit", "IE-INTEGRATOR", "FR-ROBOT", "IE-1"),
                seen("Accept", "FR-ROBOT", "IE-INTEGRATOR", "IE-OTHER")), T0.plusSeconds(1));

        assertEquals(Status.PASS, judge.verdict("services-request-submit").orElseThrow().status());
        assertTrue(judge.verdict("services-request-accept-received").isEmpty());
    }

    @Test
    void aRefusalFailsTheNextStepWithTheHubsReasonAndSkipsTheRestOfTheCase() {
        Judge judge = new Judge(requesterSteps(), T0);
        judge.observe(List.of(seen("Submit", "IE-INTEGRATOR", "FR-ROBOT", "IE-1"), seen("Accept", "FR-ROBOT", "IE-INTEGRATOR", "IE-1"),
                seen("AskInformation", "FR-ROBOT", "IE-INTEGRATOR", "IE-1"), refusal("Close", "INFORMATION_REQUESTED", "IE-1")),
                T0.plusSeconds(2));

        Map<String, Verdict> verdicts = verdicts(judge);
        Verdict give = verdicts.get("services-request-give-information");
        assertEquals(Status.FAIL, give.status());
        assertTrue(give.message().startsWith("the hub refused Close in state INFORMATION_REQUESTED: action Close is not allowed"),
                give.message());
        assertTrue(give.message().contains("expected next: GiveInformation from IE-INTEGRATOR to FR-ROBOT"), give.message());
        assertEquals(Status.SKIP, verdicts.get("services-request-close").status());
        assertTrue(judge.done());
    }

    @Test
    void aStepNotSeenInTimeFailsNamingWhatWasAwaited() {
        Judge judge = new Judge(requesterSteps(), T0);
        judge.observe(List.of(seen("Submit", "IE-INTEGRATOR", "FR-ROBOT", "IE-1")), T0.plusSeconds(1));
        judge.timeOut(Duration.ofSeconds(30), T0.plusSeconds(30));

        Map<String, Verdict> verdicts = verdicts(judge);
        assertEquals("not seen within 30 s: Accept from FR-ROBOT to IE-INTEGRATOR in procedure services-request",
                verdicts.get("services-request-accept-received").message());
        assertEquals(Status.SKIP, verdicts.get("services-request-close").status());
    }

    @Test
    void theJUnitReportNamesEachStepAfterItsScenarioCaseNotTheConformanceSuite(@TempDir Path dir) throws Exception {
        Properties p = new Properties();
        p.setProperty("request.pq-request.integrator", "responder");
        p.setProperty("alert.robot", "FR-ROBOT");
        p.setProperty("registration", "true");
        Judge judge = new Judge(ScenarioSteps.of(Scenario.of(p, "test"), DIRECTORY, 1), T0);
        judge.timeOut(Duration.ofSeconds(1), T0.plusSeconds(1));

        Path file = JUnitXmlReport.write(judge.results(), "imi-sandbox", judge::classname, dir.resolve("junit.xml"));

        String xml = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(xml.contains("classname=\"imi-sandbox.pq-request\" name=\"pq-request-request-received\""), xml);
        assertTrue(xml.contains("classname=\"imi-sandbox.alert-in\" name=\"alert-received\""), xml);
        assertTrue(xml.contains("classname=\"imi-sandbox.registration\" name=\"registration-register\""), xml);
        assertFalse(xml.contains("imi-conformance"), xml);
    }

    @Test
    void aDeliveryInAFolderGivenRelativeIsRead() throws Exception {
        // imi-sandbox --dir sbx: the inboxes are relative paths (the document was looked for at sbx/.../sbx/...)
        Path cwd = Path.of("").toAbsolutePath();
        Path root = cwd.relativize(Files.createTempDirectory(cwd.resolve("target"), "relative-inbox-"));
        Path document = Files.writeString(Files.createTempFile(cwd.resolve("target"), "doc-", ".xml"),
                "<case procedure='pq-request' id='c-1'/>", StandardCharsets.UTF_8);
        org.imigateway.connectors.fs.FolderInbox inbox = new org.imigateway.connectors.fs.FolderInbox(root);
        inbox.deliver(new Delivery("rel@hub", "conv", Optional.empty(), Instant.parse("2026-12-04T10:00:00Z"), "hub",
                "ap-de", "urn:s", Optional.empty(), "Submit", List.of(),
                List.of(org.imigateway.connectors.Payload.of(document, "application/xml"))));

        Seen seen = Seen.read("ap-de", inbox.folderOf("rel@hub"));

        assertEquals(Optional.of("c-1"), seen.caseId());
    }
}
