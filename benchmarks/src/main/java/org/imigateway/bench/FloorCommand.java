package org.imigateway.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code floor}: the JMH cryptographic floor per profile and payload size. */
@Command(name = "floor", mixinStandardHelpOptions = true,
        description = "JMH: the WSS4J work of one exchange (sign, encrypt, decrypt, verify, receipt, receipt check).")
public final class FloorCommand implements Callable<Integer> {

    /** One floor figure; {@code perSecondAllCores} assumes the work spreads over every core, as a gateway pair's does. */
    public record Floor(String profile, String size, double msPerMessage, double msError, double perSecondOneCore,
            double perSecondAllCores) {
    }

    @Option(names = "--profile", split = ",", defaultValue = "edelivery-1.15,edelivery-2.0-eddsa,edelivery-2.0-ecdsa")
    List<String> profiles;

    @Option(names = "--size", split = ",", defaultValue = "10KB,1MB,20MB")
    List<String> sizes;

    @Option(names = "--iterations", defaultValue = "3", description = "Measured iterations (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--seconds", defaultValue = "3", description = "Seconds per iteration (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--out", defaultValue = "target/floor.json")
    Path out;

    @Override
    public Integer call() throws Exception {
        Machine machine = Machine.now();
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(CryptoFloorBenchmark.class.getName() + ".exchange")
                .param("profile", profiles.toArray(String[]::new))
                .param("size", sizes.toArray(String[]::new))
                .forks(1)
                .jvmArgsAppend("-Xmx1g")
                .warmupIterations(2).warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(iterations).measurementTime(TimeValue.seconds(seconds));
        Collection<RunResult> results = new Runner(options.build()).run();
        List<Floor> floors = new ArrayList<>();
        int cores = Runtime.getRuntime().availableProcessors();
        for (RunResult result : results) {
            double ms = result.getPrimaryResult().getScore();
            floors.add(new Floor(result.getParams().getParam("profile"), result.getParams().getParam("size"), ms,
                    result.getPrimaryResult().getScoreError(), 1000 / ms, cores * 1000 / ms));
        }
        System.out.printf("%nmachine: %d cores, %s; load average %s%n", machine.cores(), machine.jvm(), Machine.currentLoadAverage());
        System.out.printf("%-20s %6s %12s %10s %12s %12s%n", "profile", "size", "ms/message", "+-", "msg/s 1 core",
                "msg/s " + cores + " cores");
        for (Floor f : floors) {
            System.out.printf(Locale.ROOT, "%-20s %6s %12.2f %10.2f %12.1f %12.1f%n", f.profile(), f.size(),
                    f.msPerMessage(), f.msError(), f.perSecondOneCore(), f.perSecondAllCores());
        }
        Report.json(out, machine, "cryptographic-floor", floors);
        System.out.println("JSON: " + out.toAbsolutePath());
        return 0;
    }
}
