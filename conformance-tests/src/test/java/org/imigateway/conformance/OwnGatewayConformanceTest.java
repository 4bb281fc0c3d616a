package org.imigateway.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.imigateway.conformance.cli.ImiConformanceCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** Show 1 of issue #7: the whole suite, through its command, passes against our gateway running as its own process. */
class OwnGatewayConformanceTest {

    @TempDir
    static Path work;

    static ConformanceNetwork network;
    static GatewayProcess target;

    @BeforeAll
    static void startTarget() throws Exception {
        network = ConformanceNetwork.create(work);
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
        Run run = Run.of(network.runArguments("send", reports));

        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("0 failed, 0 skipped"), run.output());
        String junit = Files.readString(reports.resolve("junit.xml"));
        assertTrue(junit.contains("failures=\"0\"") && junit.contains("skipped=\"0\""), junit);
        String html = Files.readString(reports.resolve("report.html"));
        assertTrue(html.contains("damaged-gzip") && html.contains("EBMS:0303"), "the report shows the error that came back");
        assertTrue(html.contains("eb:Messaging") && html.contains("Content-Type"), "the report shows what was sent");
    }

    /** The output of one in-process run of the command. */
    record Run(int exitCode, String output) {
        static Run of(java.util.List<String> args) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            PrintStream original = System.out;
            int code;
            try (PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
                System.setOut(capture);
                code = new CommandLine(new ImiConformanceCommand()).execute(args.toArray(String[]::new));
            } finally {
                System.setOut(original);
            }
            String output = buffer.toString(StandardCharsets.UTF_8);
            original.println(output);
            return new Run(code, output);
        }
    }
}
