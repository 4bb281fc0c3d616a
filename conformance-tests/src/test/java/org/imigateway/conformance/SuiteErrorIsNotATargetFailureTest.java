package org.imigateway.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.imigateway.certificates.PartyKit;
import org.imigateway.conformance.cases.CaseRegistry;
import org.imigateway.conformance.cases.CooperationCases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the suite cannot do is its own ERROR or SKIP, never a FAIL of the target; and a run without
 * {@code --hub} does not offer the hub cases at all. No target is started: the suite never gets as
 * far as sending.
 */
class SuiteErrorIsNotATargetFailureTest {

    @TempDir
    Path work;

    @Test
    void aKeyTheSuiteCannotSignWithIsASuiteErrorWithItsOwnExitCode() throws Exception {
        ConformanceNetwork network = ConformanceNetwork.shared();
        Path reports = work.resolve("report");
        List<String> args = network.runArguments("as4-2.0-eddsa-exchange", reports);
        // an X25519 key cannot sign: the suite cannot run the case, which says nothing about the target
        args.addAll(List.of("--eddsa-alias", PartyKit.ENCRYPTION_X25519_ALIAS));

        SuiteRun run = SuiteRun.of(args);

        assertEquals(3, run.exitCode(), run.output());
        assertTrue(run.output().contains("0 failed, 0 skipped, 1 not run (suite error)"), run.output());
        CaseOutcomes outcomes = CaseOutcomes.read(reports.resolve("junit.xml"));
        String id = "as4-2.0-eddsa-exchange";
        assertEquals("ERROR", outcomes.status(id), outcomes.message(id));
        assertTrue(outcomes.message(id).startsWith("the suite could not run the case"), outcomes.message(id));
        assertTrue(Files.readString(reports.resolve("junit.xml")).contains("errors=\"1\""));
    }

    @Test
    void sendLeavesOutTheHubCasesUnlessTheTargetIsAHub() {
        List<String> hubCases = CooperationCases.all().stream().map(c -> c.id()).toList();

        List<String> plain = CaseRegistry.select(List.of("send"), false).stream().map(c -> c.id()).toList();
        List<String> hub = CaseRegistry.select(List.of("send"), true).stream().map(c -> c.id()).toList();
        List<String> named = CaseRegistry.select(List.of("cooperation"), false).stream().map(c -> c.id()).toList();

        hubCases.forEach(id -> assertFalse(plain.contains(id), id));
        assertTrue(hub.containsAll(hubCases), hub.toString());
        assertEquals(hubCases, named);
    }
}
