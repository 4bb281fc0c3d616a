package org.imigateway.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jdk.jfr.Recording;

/** The CPU breakdown sorts samples by package, counts only the measured phase, and the run prints ours ÷ phase4. */
class CpuBreakdownTest {

    @TempDir
    Path dir;

    @Test
    void classesGoToTheirCategoryTheLongestPrefixWinning() {
        assertEquals("crypto", CpuBreakdown.categoryOf("sun.security.ec.ed.EdDSAOperations"));
        assertEquals("crypto", CpuBreakdown.categoryOf("org.apache.xml.security.algorithms.SignatureAlgorithm"));
        assertEquals("WS-Security logic (WSS4J, Santuario)", CpuBreakdown.categoryOf("org.apache.xml.security.signature.XMLSignature"));
        assertEquals("XML parse/serialise/C14N", CpuBreakdown.categoryOf("org.apache.xml.security.c14n.Canonicalizer"));
        assertEquals("store (Derby/PostgreSQL/JDBC)", CpuBreakdown.categoryOf("org.apache.derby.impl.sql.GenericStatement"));
        assertEquals("ours (org.imigateway)", CpuBreakdown.categoryOf("org.imigateway.store.MessageLog"));
        assertNull(CpuBreakdown.categoryOf("java.util.HashMap"));
    }

    @Test
    void onlyTheMeasuredPhaseCountsAndHashingInItIsCrypto() throws Exception {
        Path file = dir.resolve("run.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(2));
            recording.enable(MeasuredPhase.class);
            recording.start();
            burnOutsideAnyPhase();
            MeasuredPhase phase = new MeasuredPhase();
            phase.begin();
            hash(Duration.ofMillis(800));
            phase.commit();
            burnOutsideAnyPhase();
            recording.stop();
            recording.dump(file);
        }
        CpuBreakdown breakdown = CpuBreakdown.of(file);
        assertTrue(breakdown.total() > 0, "no execution samples in the measured phase");
        Map.Entry<String, Double> largest = breakdown.shares().entrySet().iterator().next();
        assertEquals("crypto", largest.getKey(), "shares: " + breakdown.shares());
        assertTrue(!breakdown.shares().containsKey("other (JDK)") || breakdown.shares().get("other (JDK)") < 0.5,
                "the string work outside the phase was counted: " + breakdown.shares());
    }

    @Test
    void ratiosPairOurFullSpeedRunWithPhase4sOfTheSameProfileAndSize() {
        RunResult ours = result("gateway->gateway", "edelivery-1.15", Optional.empty(), 30, 0.050, 40);
        RunResult oursHalf = result("gateway->gateway", "edelivery-1.15", Optional.of(15.0), 15, 0.060, 20);
        RunResult phase4 = result("phase4->phase4", "edelivery-1.15", Optional.empty(), 10, 0.100, 80);
        RunResult otherProfile = result("phase4->phase4", "edelivery-2.0-eddsa", Optional.empty(), 5, 0.1, 10);
        List<Report.Ratio> ratios = Report.ratios(List.of(ours, oursHalf, phase4, otherProfile));
        assertEquals(List.of(new Report.Ratio("edelivery-1.15", 10_000, 3.0, 0.5, 0.5)), ratios);
    }

    private static RunResult result(String scenario, String profile, Optional<Double> rate, double perSecond,
            double cpuSeconds, double p99) {
        return new RunResult(scenario, profile, 10_000, 100, 8, rate, 0, 10, perSecond, new Latency(100, 1, 1, p99, p99),
                Optional.empty(), cpuSeconds, 0, 100, "0", "");
    }

    private static void burnOutsideAnyPhase() {
        long until = System.nanoTime() + 300_000_000L;
        StringBuilder text = new StringBuilder();
        while (System.nanoTime() < until) {
            text.setLength(0);
            for (int i = 0; i < 1000; i++) {
                text.append(i);
            }
        }
    }

    private static void hash(Duration time) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] data = new byte[64 * 1024];
        long until = System.nanoTime() + time.toNanos();
        while (System.nanoTime() < until) {
            data = sha.digest(data).length == 32 ? data : data;
        }
    }
}
