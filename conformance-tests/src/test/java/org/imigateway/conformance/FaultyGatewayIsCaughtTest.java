package org.imigateway.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.imigateway.certificates.PartyKit;
import org.imigateway.certificates.Stores;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
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

    @Test
    void aGatewayThatDoesNotHoldMessagesToTheLegsProfileFailsTheAs4TwoRefusalCases() throws Exception {
        CaseOutcomes outcomes = runAgainstFaultyTarget("anyProfile", "as4-2.0-eddsa-1.15-refused,as4-2.0-ecdsa-1.15-refused,"
                + "as4-2.0-eddsa-wrong-key-agreement,as4-2.0-ecdsa-wrong-key-agreement,as4-2.0-eddsa-exchange");

        for (String id : new String[] {"as4-2.0-eddsa-1.15-refused", "as4-2.0-ecdsa-1.15-refused"}) {
            assertEquals("FAIL", outcomes.status(id), id + ": " + outcomes.message(id));
            assertTrue(outcomes.message(id).contains("accepting a message it must refuse because the leg's profile is AS4 2.0"),
                    outcomes.message(id));
        }
        for (String id : new String[] {"as4-2.0-eddsa-wrong-key-agreement", "as4-2.0-ecdsa-wrong-key-agreement"}) {
            assertEquals("FAIL", outcomes.status(id), id + ": " + outcomes.message(id));
            assertTrue(outcomes.message(id).contains("accepting a message it must refuse because the leg requires"),
                    outcomes.message(id));
        }
        assertEquals("PASS", outcomes.status("as4-2.0-eddsa-exchange"), outcomes.message("as4-2.0-eddsa-exchange"));
    }

    @Test
    void anEndpointWithoutACipherSuiteAllowListFailsTheWeakSuitesCase() throws Exception {
        Path reports = work.resolve("report-weak-tls");
        char[] password = ConformanceNetwork.PASSWORD.toCharArray();
        KeyStore targetKeys = KeyStore.getInstance("PKCS12");
        targetKeys.load(null, null);
        KeyStore kit = Stores.read(PartyKit.keyStoreFile(network.pki(), ConformanceNetwork.TARGET), password);
        targetKeys.setKeyEntry("tls", kit.getKey(PartyKit.TLS_SERVER_ALIAS, password), password,
                kit.getCertificateChain(PartyKit.TLS_SERVER_ALIAS));
        try (WeakTlsEndpoint weak = new WeakTlsEndpoint(targetKeys, password)) {
            List<String> args = network.runArguments("tls-weak-suites-refused,tls-recommended-suites-accepted", reports);
            args.set(args.indexOf("--tls-url") + 1, weak.url());
            SuiteRun run = SuiteRun.of(args);
            assertEquals(1, run.exitCode(), run.output());
        }
        CaseOutcomes outcomes = CaseOutcomes.read(reports.resolve("junit.xml"));
        assertEquals("FAIL", outcomes.status("tls-weak-suites-refused"), outcomes.message("tls-weak-suites-refused"));
        assertTrue(outcomes.message("tls-weak-suites-refused").contains("accepted a TLS 1.2 handshake offering only"),
                outcomes.message("tls-weak-suites-refused"));
        assertEquals("PASS", outcomes.status("tls-recommended-suites-accepted"),
                outcomes.message("tls-recommended-suites-accepted"));
    }

    /**
     * A target that sends once and never again when no receipt comes: its legs' reception
     * awareness allows no retry, while the suite is told the 2 retries of {@link ConformanceNetwork#GIVE_UP_RETRY}.
     */
    @Test
    @EnabledIfSystemProperty(named = "conformance.long", matches = "true")
    void aTargetThatNeverRetriesFailsTheGiveUpCase() throws Exception {
        Path home = TargetGivesUpTest.targetWithRetry(network, "target-no-retry", "0.1;0;CONSTANT");
        Path reports = work.resolve("report-no-retry");

        CompletableFuture<Integer> send = TargetGivesUpTest.sendFrom(home, work, ConformanceNetwork.SUITE,
                ConformanceNetwork.ACTION);
        SuiteRun run = SuiteRun.of(TargetGivesUpTest.arguments(network, ConformanceNetwork.GIVE_UP_RETRY, reports));

        assertEquals(1, run.exitCode(), run.output());
        assertEquals(3, (int) send.get(), "the target gives up at once: SEND_FAILURE");
        CaseOutcomes outcomes = CaseOutcomes.read(reports.resolve("junit.xml"));
        assertEquals("FAIL", outcomes.status("listen-retries-then-gives-up"), outcomes.message("listen-retries-then-gives-up"));
        assertTrue(outcomes.message("listen-retries-then-gives-up").contains("was sent 1 time(s): no retry"),
                outcomes.message("listen-retries-then-gives-up"));
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
