package org.imigateway.conformance;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.imigateway.conformance.cli.ImiConformanceCommand;

import picocli.CommandLine;

/** One in-process run of {@code imi-conformance} with its exit code and what it printed (echoed to the test log). */
record SuiteRun(int exitCode, String output) {

    static SuiteRun of(List<String> args) {
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
        return new SuiteRun(code, output);
    }
}
