package org.imigateway.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.imigateway.conformance.cases.CooperationCases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #7's cooperation scenarios: our gateway as its own process, configured as a hub whose
 * directory names the suite's party as the access point of three authorities; the suite sends
 * their business documents and receives the hub's answers over AS4.
 */
class CooperationConformanceTest {

    @TempDir
    static Path work;

    static ConformanceNetwork network;
    static Path hubHome;
    static GatewayProcess hub;

    @BeforeAll
    static void startHub() throws Exception {
        network = ConformanceNetwork.shared();
        hubHome = HubHome.create(network);
        hub = GatewayProcess.serve(hubHome);
    }

    @AfterAll
    static void stopHub() throws Exception {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void everyCooperationCasePassesAgainstOurGatewayAsAHub() throws Exception {
        Path reports = work.resolve("report");

        SuiteRun run = SuiteRun.of(arguments("cooperation", HubHome.OUTSIDER, 60, reports));

        assertEquals(0, run.exitCode(), run.output() + "\nhub log:\n" + hub.output());
        CaseOutcomes outcomes = CaseOutcomes.read(reports.resolve("junit.xml"));
        assertEquals(CooperationCases.all().size(), outcomes.statuses().size(), outcomes.statuses().toString());
        outcomes.statuses().forEach((id, status) -> assertEquals("PASS", status, id + ": " + outcomes.message(id)));
        assertTrue(outcomes.message("coop-request-out-of-order").contains("<state>SENT</state>"),
                outcomes.message("coop-request-out-of-order"));
        assertTrue(outcomes.message("coop-schema-refused").contains("EBMS:0004"), outcomes.message("coop-schema-refused"));
        assertTrue(outcomes.message("coop-request-forward").contains("Forward refused"), outcomes.message("coop-request-forward"));
        assertTrue(outcomes.message("coop-notification").contains(HubHome.PEER + " in fr, " + HubHome.FORWARDEE + " in pl")
                || outcomes.message("coop-notification").contains(HubHome.FORWARDEE + " in pl, " + HubHome.PEER + " in fr"),
                outcomes.message("coop-notification"));
    }

    @Test
    void theOutsiderCaseFailsWhenTheHubAnswersAQueryWithAResult() throws Exception {
        Path reports = work.resolve("report-insider");

        // an authority inside the access group passed off as the outsider: the hub answers with a Result, not a Refuse
        SuiteRun run = SuiteRun.of(arguments("coop-repository-outsider", HubHome.AUTHORITY, 10, reports));

        assertEquals(1, run.exitCode(), run.output());
        CaseOutcomes outcomes = CaseOutcomes.read(reports.resolve("junit.xml"));
        assertEquals("FAIL", outcomes.status("coop-repository-outsider"));
        assertTrue(outcomes.message("coop-repository-outsider").contains("no Refuse for " + HubHome.AUTHORITY),
                outcomes.message("coop-repository-outsider"));
    }

    private static List<String> arguments(String cases, String outsider, int listenWait, Path reports) throws Exception {
        List<String> args = network.runArguments(cases, reports);
        args.set(args.indexOf("--target-url") + 1, HubHome.url(hubHome));
        args.addAll(List.of("--authority", HubHome.AUTHORITY, "--peer-authority", HubHome.PEER,
                "--outsider-authority", outsider, "--coordinator-authority", HubHome.COORDINATOR,
                "--forward-authority", HubHome.FORWARDEE,
                "--listen-port", String.valueOf(network.suitePort()), "--listen-wait", String.valueOf(listenWait)));
        return args;
    }
}
