package org.imigateway.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Show 3 of issue #7: our gateway assembled with one broken inbound step at a time ({@link FaultyGateway},
 * test code: the product has no such switch); the matching cases fail and say why, while a case the
 * fault does not touch still passes.
 */
class FaultyGatewayIsCaughtTest {

    @TempDir
    static Path work;

    static ConformanceNetwork network;

    @BeforeAll
    static void createNetwork() throws Exception {
        network = ConformanceNetwork.shared();
    }

    @Test
    void aGatewayThatSkipsSignatureChecksFailsTheSignatureCases() throws Exception {
        CaseOutcomes outcomes = runAgainstFaultyTarget("skipSignatureCheck",
                "unsigned,tampered-header,untrusted-signer,damaged-gzip");

        for (String id : new String[] {"unsigned", "tampered-header", "untrusted-signer"}) {
            assertEquals("FAIL", outcomes.status(id), id + ": " + outcomes.message(id));
            assertTrue(outcomes.message(id).contains("the target answered with a receipt, accepting a message it must refuse"),
                    outcomes.message(id));
        }
        assertTrue(outcomes.message("unsigned").contains("it is not signed"), outcomes.message("unsigned"));
        assertEquals("PASS", outcomes.status("damaged-gzip"), outcomes.message("damaged-gzip"));
    }

    @Test
    void aGatewayThatReturnsUnsignedReceiptsFailsTheReceiptCases() throws Exception {
        CaseOutcomes outcomes = runAgainstFaultyTarget("unsignedReceipts", "one-way-push,several-payloads,damaged-gzip");

        for (String id : new String[] {"one-way-push", "several-payloads"}) {
            assertEquals("FAIL", outcomes.status(id), id + ": " + outcomes.message(id));
            assertTrue(outcomes.message(id).contains("the receipt is not signed"), outcomes.message(id));
        }
        assertEquals("PASS", outcomes.status("damaged-gzip"), outcomes.message("damaged-gzip"));
    }

    @Test
    void aGatewayThatDeliversDuplicatesFailsTheExactlyOnceCase() throws Exception {
        CaseOutcomes outcomes = runAgainstFaultyTarget("deliverDuplicates", "duplicate-delivered-once,ping-not-delivered");

        assertEquals("FAIL", outcomes.status("duplicate-delivered-once"), outcomes.message("duplicate-delivered-once"));
        assertTrue(outcomes.message("duplicate-delivered-once").contains("sent twice and delivered 2 times"),
                outcomes.message("duplicate-delivered-once"));
        assertEquals("PASS", outcomes.status("ping-not-delivered"), outcomes.message("ping-not-delivered"));
    }

    /** Starts the target with exactly one fault on, runs the cases, stops it. */
    private static CaseOutcomes runAgainstFaultyTarget(String fault, String cases) throws Exception {
        Path reports = work.resolve("report-" + fault);
        try (GatewayProcess target = GatewayProcess.serveFaulty(network.targetHome(), fault)) {
            assertTrue(target.output().contains("FAULTY GATEWAY: " + fault), "the faulty gateway says what it breaks");
            SuiteRun run = SuiteRun.of(network.runArguments(cases, reports));
            assertEquals(1, run.exitCode(), "a run with failed cases exits 1:\n" + run.output());
        }
        return CaseOutcomes.read(reports.resolve("junit.xml"));
    }
}
