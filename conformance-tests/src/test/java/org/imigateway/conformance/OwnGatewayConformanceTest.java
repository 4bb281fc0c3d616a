package org.imigateway.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

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

        // the cooperation cases need a hub and the suite's authorities: skipped here, run by CooperationConformanceTest
        int cooperation = CooperationCases.all().size();
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("0 failed, " + cooperation + " skipped"), run.output());
        String junit = Files.readString(reports.resolve("junit.xml"));
        assertTrue(junit.contains("failures=\"0\"") && junit.contains("skipped=\"" + cooperation + "\""), junit);
        CaseOutcomes outcomes = CaseOutcomes.read(reports.resolve("junit.xml"));
        outcomes.statuses().forEach((id, status) -> assertEquals(id.startsWith("coop-") ? "SKIP" : "PASS", status,
                id + ": " + outcomes.message(id)));
        String html = Files.readString(reports.resolve("report.html"));
        assertTrue(html.contains("damaged-gzip") && html.contains("EBMS:0303"), "the report shows the error that came back");
        assertTrue(html.contains("eb:Messaging") && html.contains("Content-Type"), "the report shows what was sent");
    }
}
