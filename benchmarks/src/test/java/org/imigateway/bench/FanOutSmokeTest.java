package org.imigateway.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * A tiny fan-out through a real hub: ten authorities over two national systems. The command
 * itself fails (exit 2) unless every authority got the alert and its withdrawal exactly once,
 * at its own access point; timings are printed, never asserted.
 */
class FanOutSmokeTest {

    @TempDir
    Path dir;

    @Test
    void alertAndItsWithdrawalReachEveryAuthorityOnceAndTheReportCarriesEveryFigure() throws Exception {
        Path json = dir.resolve("fanout.json");
        int exit = new CommandLine(new BenchCommand()).execute("fanout", "--authorities", "10", "--countries", "2",
                "--timeout", "120", "--dir", dir.toString(), "--out", json.toString());

        assertEquals(0, exit, "every authority must get the alert and the withdrawal exactly once");
        String report = Files.readString(json);
        assertTrue(report.contains("\"kind\": \"fan-out\""), report);
        assertEquals(2, report.split("\"recipients\": 10,").length - 1, "an alert and a withdrawal, ten copies each: " + report);
        for (String field : List.of("\"loadAverage\"", "\"allDeliveredSeconds\"", "\"allAcknowledgedSeconds\"",
                "\"hubOutPerSecond\"", "\"p99\"", "\"cpuSeconds\"", "\"peakRssMb\"")) {
            assertTrue(report.contains(field), "the report must carry " + field + ": " + report);
        }
    }
}
