package org.imigateway.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code profile}: the CPU breakdown by category of JFR recordings, e.g. of a run started with
 * {@code java -XX:StartFlightRecording=filename=run.jfr,settings=profile -jar imi-benchmarks.jar run ...}
 * ({@code run --jfr DIR} records each run by itself and prints the same breakdown).
 */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = "CPU breakdown by category (crypto, XML, JAXB, MIME, store, broker, HTTP, logging, ...) of JFR recordings.")
public final class ProfileCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "RECORDING.jfr", description = "JFR recordings with jdk.ExecutionSample events.")
    List<Path> recordings;

    @Option(names = "--cpu-ms-per-message", description = "The run's CPU ms per message: also print ms per message per category.")
    Double cpuMsPerMessage;

    @Option(names = "--top", defaultValue = "0", description = "Also list the N methods that weigh most in each category.")
    int top;

    @Override
    public Integer call() throws Exception {
        for (Path recording : recordings) {
            CpuBreakdown.of(recording).print(recording.toString(), cpuMsPerMessage == null ? Double.NaN : cpuMsPerMessage,
                    top, System.out);
        }
        return 0;
    }
}
