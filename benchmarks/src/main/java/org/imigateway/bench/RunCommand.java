package org.imigateway.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;

import org.imigateway.pmode.SecurityProfile;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code run}: end-to-end load on loopback for each chosen scenario, profile and payload size.
 * With {@code --half-rate}, each of our gateway's runs is repeated at half the throughput it just
 * reached, where its p99 latency is read.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "End-to-end load: our gateway and the phase4 baselines.")
public final class RunCommand implements Callable<Integer> {

    enum Which {
        GATEWAY(new GatewayToGateway()), PHASE4(new Phase4ToPhase4()), PHASE4_GATEWAY(new Phase4ToGateway());

        final Scenario scenario;

        Which(Scenario scenario) {
            this.scenario = scenario;
        }
    }

    @Option(names = "--scenario", split = ",", defaultValue = "gateway,phase4,phase4_gateway",
            description = "gateway (ours to ours), phase4 (phase4 to phase4), phase4_gateway (phase4 to ours); default: all")
    List<String> scenarios;

    @Option(names = "--profile", split = ",", defaultValue = "edelivery-1.15",
            description = "Security profiles: edelivery-1.15, edelivery-2.0-eddsa, edelivery-2.0-ecdsa (default: ${DEFAULT-VALUE}).")
    List<String> profiles;

    @Option(names = "--size", split = ",", defaultValue = "10KB", description = "Payload sizes, e.g. 10KB,1MB,20MB.")
    List<String> sizes;

    @Option(names = "--messages", defaultValue = "200", description = "Measured messages per run (default: ${DEFAULT-VALUE}).")
    int messages;

    @Option(names = "--warmup", defaultValue = "20", description = "Unmeasured messages first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--concurrency", defaultValue = "8", description = "Messages in flight at most (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--rate", description = "Fixed submission rate in messages per second instead of as fast as possible.")
    Double rate;

    @Option(names = "--half-rate", description = "Repeat each gateway->gateway run at half the throughput it reached.")
    boolean halfRate;

    @Option(names = "--scale-messages", description = "Fewer messages for large payloads: messages x 1MB / size, at least 10.")
    boolean scaleMessages;

    @Option(names = "--jfr", paramLabel = "DIR", description = "Record each run with JFR (settings 'profile') into DIR and"
            + " print its CPU breakdown by category (see the profile command).")
    Path jfrDir;

    @Mixin
    BenchDatabase.Choice databaseChoice;

    @Option(names = "--dir", defaultValue = "target/bench", description = "Work folder for homes and payloads.")
    Path dir;

    @Option(names = "--out", defaultValue = "target/results.json", description = "JSON report (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Machine machine = Machine.now();
        List<RunResult> results = new ArrayList<>();
        Files.createDirectories(dir);
        Path workDir = Files.createTempDirectory(dir, "run-");
        try (BenchNetwork network = BenchNetwork.create(workDir.resolve("net"), databaseChoice.database())) {
            String stored = databaseChoice.database().describe();
            System.out.println("our gateways' message logs: " + stored);
            for (String sizeText : sizes) {
                long size = Payloads.parseSize(sizeText);
                Path payload = Payloads.xml(dir, size);
                for (String profileId : profiles) {
                    RunPlan plan = plan(SecurityProfile.byId(profileId).orElseThrow(() -> new IllegalArgumentException(
                            "--profile '" + profileId + "' is not one of edelivery-1.15, edelivery-2.0-eddsa, edelivery-2.0-ecdsa")),
                            size);
                    for (String name : scenarios) {
                        Which which = Which.valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
                        RunResult result = recorded(which.scenario, plan, network, payload);
                        print(result);
                        results.add(result);
                        if (halfRate && which == Which.GATEWAY && plan.rate().isEmpty() && result.perSecond() > 0) {
                            RunResult half = recorded(which.scenario, plan.atRate(result.perSecond() / 2), network,
                                    payload);
                            print(half);
                            results.add(half);
                        }
                        Report.json(out, machine, "end-to-end", stored, results);
                    }
                }
            }
            Report.table(machine, results, System.out);
            System.out.println("our gateways' message logs: " + stored);
            Report.json(out, machine, "end-to-end", stored, results);
        }
        System.out.println("JSON: " + out.toAbsolutePath());
        return results.stream().anyMatch(r -> r.failed() > 0) ? 2 : 0;
    }

    /** One run, under a JFR recording of its own when {@code --jfr} asks for it (warm-up included, as in CPU ms/msg). */
    private RunResult recorded(Scenario scenario, RunPlan plan, BenchNetwork network, Path payload) throws Exception {
        if (jfrDir == null) {
            return runOrRecord(scenario, plan, network, payload);
        }
        Files.createDirectories(jfrDir);
        Path file = jfrDir.resolve((scenario.name() + "-" + plan.profile().id() + "-" + Payloads.label(plan.payloadBytes())
                + plan.rate().stream().mapToObj(r -> String.format(Locale.ROOT, "-at-%.1f", r)).findFirst().orElse(""))
                .replaceAll("[^A-Za-z0-9.-]+", "_") + ".jfr");
        RunResult result;
        try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
            // Every 10 ms (the profile default) gives a few hundred samples per run: too few to split nine ways.
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(2));
            recording.start();
            result = runOrRecord(scenario, plan, network, payload);
            recording.stop();
            recording.dump(file);
        }
        // JFR samples this JVM only: its shares are of the JVM's CPU, the PostgreSQL server's comes beside them
        CpuBreakdown.of(file).print(file.getFileName().toString(),
                (result.cpuSecondsPerMessage() - result.databaseCpuSecondsPerMessage()) * 1000, System.out);
        if (result.databaseCpuSecondsPerMessage() > 0) {
            System.out.printf(Locale.ROOT, "%-40s %7s %10.1f%n", "PostgreSQL server (outside this JVM)", "",
                    result.databaseCpuSecondsPerMessage() * 1000);
        }
        return result;
    }

    /**
     * A run that cannot finish (a timeout, a peer that stops answering) is a figure too: it is
     * recorded with every message failed and the reason, and the next run goes on.
     */
    private static RunResult runOrRecord(Scenario scenario, RunPlan plan, BenchNetwork network, Path payload) {
        try {
            return scenario.run(plan, network, payload);
        } catch (Exception e) {
            System.err.println(scenario.name() + " " + plan.profile().id() + " " + Payloads.label(plan.payloadBytes())
                    + " did not complete: " + e);
            Latency none = Latency.of(List.of());
            return new RunResult(scenario.name(), plan.profile().id(), plan.payloadBytes(), plan.messages(),
                    plan.concurrency(), plan.rate().isPresent() ? java.util.Optional.of(plan.rate().getAsDouble())
                    : java.util.Optional.empty(), plan.messages(), Double.NaN, 0, none, java.util.Optional.empty(),
                    Double.NaN, Double.NaN, Double.NaN, Machine.currentLoadAverage(), "did not complete: " + e.getMessage());
        }
    }

    private RunPlan plan(SecurityProfile profile, long size) {
        int count = scaleMessages ? (int) Math.max(10, Math.min(messages, messages * 1_000_000L / size)) : messages;
        int warm = scaleMessages ? Math.min(warmup, Math.max(2, count / 5)) : warmup;
        return new RunPlan(profile, size, count, warm, concurrency,
                rate == null ? OptionalDouble.empty() : OptionalDouble.of(rate));
    }

    private static void print(RunResult r) {
        System.out.printf(Locale.ROOT, "%s %s %s: %d msgs, %.1f msg/s, ack p99 %.1f ms, CPU %.1f ms/msg%s, failed %d"
                + " (load %s)%n", r.scenario(), r.profile(), Payloads.label(r.payloadBytes()), r.messages(), r.perSecond(),
                r.acknowledged().p99(), r.cpuSecondsPerMessage() * 1000, r.databaseCpuSecondsPerMessage() > 0
                        ? String.format(Locale.ROOT, " (PostgreSQL %.1f of it)", r.databaseCpuSecondsPerMessage() * 1000) : "",
                r.failed(), r.loadAverage());
    }
}
