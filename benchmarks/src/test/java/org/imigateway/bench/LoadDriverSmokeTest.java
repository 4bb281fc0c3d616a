package org.imigateway.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.imigateway.as4.outflow.SendResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * A few messages through every scenario and one floor exchange, to show the driver works and
 * writes a well-formed report. Timings are printed, never asserted: the machine is shared.
 */
class LoadDriverSmokeTest {

    @TempDir
    Path dir;

    @Test
    void driverRunsEveryScenarioAndWritesAReportWithEveryFigure() throws Exception {
        Path json = dir.resolve("results.json");
        int exit = new CommandLine(new BenchCommand()).execute("run", "--scenario", "gateway,phase4,phase4_gateway",
                "--profile", "edelivery-1.15,edelivery-2.0-eddsa", "--size", "10KB", "--messages", "3", "--warmup", "1",
                "--concurrency", "2", "--half-rate", "--dir", dir.toString(), "--out", json.toString());
        assertEquals(0, exit, "every message must be acknowledged");
        String report = Files.readString(json);
        assertTrue(report.startsWith("{") && report.trim().endsWith("}"), report);
        for (String field : List.of("\"machine\"", "\"cores\"", "\"loadAverage\"", "\"perSecond\"", "\"p99\"",
                "\"cpuSecondsPerMessage\"", "\"peakHeapMb\"")) {
            assertTrue(report.contains(field), "the report must carry " + field + ": " + report);
        }
        // 2 profiles x (gateway, its half-rate repeat, phase4, phase4->gateway)
        assertEquals(8, report.split("\"scenario\"").length - 1, report);
        assertTrue(report.contains("\"scenario\": \"phase4->phase4\""), report);
        assertTrue(report.contains("\"delivered\": null"), "phase4 has no delivery of its own to time: " + report);
    }

    @Test
    void onPostgresqlOurGatewaysKeepTheirMessageLogsThereAndTheReportSaysSo() throws Exception {
        Path json = dir.resolve("postgresql.json");
        int exit = new CommandLine(new BenchCommand()).execute("run", "--scenario", "gateway,phase4_gateway",
                "--profile", "edelivery-2.0-eddsa", "--size", "10KB", "--messages", "3", "--warmup", "1",
                "--concurrency", "2", "--database", "postgresql", "--dir", dir.toString(), "--out", json.toString());
        assertEquals(0, exit, "every message must be acknowledged");
        String report = Files.readString(json);
        assertTrue(report.contains("\"database\": \"PostgreSQL "), report);
        List<Double> serverCpu = Pattern.compile("\"databaseCpuSecondsPerMessage\": ([0-9.Ee-]+)").matcher(report).results()
                .map(m -> Double.parseDouble(m.group(1))).toList();
        assertEquals(2, serverCpu.size(), report);
        assertTrue(serverCpu.stream().allMatch(seconds -> seconds > 0),
                "both runs of ours count the PostgreSQL server's CPU, which commits every message: " + report);
        List<Path> homes;
        try (Stream<Path> files = Files.walk(dir)) {
            homes = files.filter(f -> f.getFileName().toString().equals("gateway.properties")).map(Path::getParent).toList();
        }
        int onPostgresql = 0;
        for (Path home : homes) {
            if (Files.readString(home.resolve("gateway.properties")).contains("database.url=jdbc:postgresql://127.0.0.1:")) {
                onPostgresql++;
                assertFalse(Files.exists(home.resolve("data/derby")), home + " must keep no Derby database");
            }
        }
        assertEquals(2, onPostgresql, "our sender and receiver, and not the phase4 parties' homes: " + homes);
    }

    @Test
    void anUnknownDatabaseIsRefusedNamingTheOptionAndTheChoices() {
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new BenchCommand()).setErr(new PrintWriter(err))
                .execute("run", "--database", "oracle", "--dir", dir.toString());
        assertEquals(2, exit, err.toString());
        assertTrue(err.toString().contains("--database") && err.toString().contains("'oracle' is not one of derby, postgresql"),
                err.toString());
    }

    @Test
    void floorExchangeEndsInAVerifiedReceipt() throws Exception {
        assertInstanceOf(SendResult.Acknowledged.class, CryptoFloorBenchmark.once("edelivery-2.0-ecdsa", "10KB"));
    }
}
