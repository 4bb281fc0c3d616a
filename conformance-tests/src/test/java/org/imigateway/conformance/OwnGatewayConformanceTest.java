package org.imigateway.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.imigateway.conformance.cases.CooperationCases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Show 1 of issue #7: the whole suite, through its command, passes against our gateway running as its own process
 * (the cooperation cases, which need a hub, in {@link CooperationConformanceTest}).
 */
class OwnGatewayConformanceTest {

    @TempDir
    static Path work;

    static ConformanceNetwork network;
    static GatewayProcess target;

    @BeforeAll
    static void startTarget() throws Exception {
        network = ConformanceNetwork.shared();
        target = GatewayProcess.serve(network.targetHome());
    }

    @AfterAll
    static void stopTarget() throws Exception {
        if (target != null) {
            target.close();
        }
    }

    @Test
    void everySendCasePassesAgainstOurGatewayAndTheReportsSayWhatWasExchanged() throws Exception {
        Path reports = work.resolve("report");
        SuiteRun run = SuiteRun.of(network.runArguments("send", reports));

        // without --hub, "send" leaves out the cooperation cases (CooperationConformanceTest runs them against a hub)
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("0 failed, 0 skipped"), run.output());
        String junit = Files.readString(reports.resolve("junit.xml"));
        assertTrue(junit.contains("failures=\"0\"") && junit.contains("skipped=\"0\""), junit);
        CaseOutcomes outcomes = CaseOutcomes.read(reports.resolve("junit.xml"));
        CooperationCases.all().forEach(c -> assertFalse(outcomes.statuses().containsKey(c.id()), c.id() + " needs --hub"));
        outcomes.statuses().forEach((id, status) -> assertEquals("PASS", status, id + ": " + outcomes.message(id)));
        assertTrue(outcomes.statuses().keySet().containsAll(List.of("as4-2.0-eddsa-exchange", "as4-2.0-ecdsa-exchange",
                "as4-2.0-eddsa-wrong-key-agreement", "as4-2.0-ecdsa-1.15-refused")), outcomes.statuses().toString());
        String html = Files.readString(reports.resolve("report.html"));
        assertTrue(html.contains("damaged-gzip") && html.contains("EBMS:0303"), "the report shows the error that came back");
        assertTrue(html.contains("eb:Messaging") && html.contains("Content-Type"), "the report shows what was sent");
    }
}
