package org.imigateway.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.imigateway.testsupport.GatewayHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cooperation lifecycle cases against a hub that gets the procedure wrong: our gateway as a
 * hub process whose request workflow ({@code config/procedures/pq-request.xml}) lets the requester
 * accept, reopens a closed case, has no Close after an answer, lets the responder forward an
 * answered request and has no overdue in state SENT, and whose directory has no coordinator for
 * professional qualifications, so registrations go to the national one, and which places the
 * Polish chamber in France, so its copy of a notification is rendered in French. Each case that
 * checks one of these fails and says why. It starts a hub of its own, so it runs in the
 * {@code conformance-long} profile (conformance-tests/pom.xml).
 */
@EnabledIfSystemProperty(named = "conformance.long", matches = "true")
class FaultyHubIsCaughtTest {

    @TempDir
    Path work;

    @Test
    void aHubThatDoesNotKeepItsWorkflowFailsTheLifecycleCases() throws Exception {
        ConformanceNetwork network = ConformanceNetwork.shared();
        Path home = HubHome.create(network, "faulty-hub");
        GatewayHome.at(home).editConfig("procedures/pq-request.xml", xml -> xml
                .replace("<state name=\"SENT\" initial=\"true\" answerByRuns=\"true\"/>", "<state name=\"SENT\" initial=\"true\"/>")
                .replace("<state name=\"CLOSED\" final=\"true\"/>", "<state name=\"CLOSED\"/>")
                .replace("<transition from=\"ANSWERED\" action=\"Close\" by=\"requester\" to=\"CLOSED\"/>",
                        "<transition from=\"SENT\" action=\"Accept\" by=\"requester\" to=\"ACCEPTED\" setsAnswerBy=\"true\"/>"
                                + "<transition from=\"CLOSED\" action=\"Accept\" by=\"responder\" to=\"ACCEPTED\""
                                + " setsAnswerBy=\"true\"/>"
                                + "<transition from=\"ANSWERED\" action=\"Forward\" by=\"responder\" to=\"SENT\""
                                + " handsOver=\"true\"/>"))
                .editConfig("directory/authorities.xml", xml -> xml.replaceAll("\\s*<coordinator authority=\"" + HubHome.COORDINATOR
                        + "\"[^>]*/>", "").replace("id=\"" + HubHome.FORWARDEE + "\" country=\"PL\"",
                                "id=\"" + HubHome.FORWARDEE + "\" country=\"FR\""));
        Path reports = work.resolve("report");
        SuiteRun run;
        try (GatewayProcess hub = GatewayProcess.serve(home)) {
            List<String> args = network.runArguments("coop-request-lifecycle,coop-request-after-close,"
                    + "coop-request-wrong-party,coop-request-forward,coop-registration,coop-overdue,coop-notification",
                    reports);
            args.set(args.indexOf("--target-url") + 1, HubHome.url(home));
            args.addAll(List.of("--authority", HubHome.AUTHORITY, "--peer-authority", HubHome.PEER,
                    "--coordinator-authority", HubHome.COORDINATOR, "--forward-authority", HubHome.FORWARDEE,
                    "--listen-port", String.valueOf(network.suitePort()), "--listen-wait", "6"));
            run = SuiteRun.of(args);
        }

        assertEquals(1, run.exitCode(), run.output());
        CaseOutcomes outcomes = CaseOutcomes.read(reports.resolve("junit.xml"));
        Map<String, String> expected = Map.of(
                "coop-request-lifecycle", "Close " + HubHome.AUTHORITY + " -> " + HubHome.PEER,
                "coop-request-after-close", "no Refuse for " + HubHome.PEER,
                "coop-request-wrong-party", "no Refuse for " + HubHome.AUTHORITY,
                "coop-request-forward", "Forward " + HubHome.FORWARDEE + " -> " + HubHome.PEER + ": no Refuse for "
                        + HubHome.FORWARDEE,
                "coop-registration", "went to " + HubHome.NATIONAL_COORDINATOR + ", not to " + HubHome.COORDINATOR,
                "coop-overdue", "the hub sent Overdue to nobody",
                "coop-notification", "has its rendering in 'fr', not in a language of PL");
        expected.forEach((id, reason) -> {
            assertEquals("FAIL", outcomes.status(id), id + ": " + outcomes.message(id));
            assertTrue(outcomes.message(id).contains(reason), id + ": " + outcomes.message(id));
        });
    }
}
