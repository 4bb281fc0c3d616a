package org.imigateway.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The terminal table and the JSON file of a set of runs, with the machine they ran on. */
final class Report {

    private Report() {
    }

    static void table(Machine machine, List<RunResult> results, PrintStream out) {
        out.printf("%nmachine: %s, %d cores, %d MB, %s; load average at start %s%n", machine.host(), machine.cores(),
                machine.memoryMb(), machine.jvm(), machine.loadAverage());
        out.printf("%-16s %-20s %7s %5s %4s %6s %8s %8s | %8s %8s %8s | %8s %8s %8s | %7s %7s %5s %s%n",
                "scenario", "profile", "size", "msgs", "conc", "rate", "fail", "msg/s",
                "ack p50", "ack p95", "ack p99", "dlv p50", "dlv p95", "dlv p99", "cpu ms", "heap MB", "load", "");
        for (RunResult r : results) {
            out.printf("%-16s %-20s %7s %5d %4d %6s %8d %8.1f | %8.1f %8.1f %8.1f | %8s %8s %8s | %7.1f %7.0f %5s%n",
                    r.scenario(), r.profile(), Payloads.label(r.payloadBytes()), r.messages(), r.concurrency(),
                    r.offeredRate().map(v -> String.format("%.1f", v)).orElse("max"), r.failed(), r.perSecond(),
                    r.acknowledged().p50(), r.acknowledged().p95(), r.acknowledged().p99(),
                    r.delivered().map(l -> String.format("%.1f", l.p50())).orElse("-"),
                    r.delivered().map(l -> String.format("%.1f", l.p95())).orElse("-"),
                    r.delivered().map(l -> String.format("%.1f", l.p99())).orElse("-"),
                    r.cpuSecondsPerMessage() * 1000, r.peakHeapMb(), r.loadAverage().split(" ")[0]);
        }
        out.println("latencies in ms from submit; cpu ms = CPU time per message of the JVM, and of the PostgreSQL server"
                + " on --database postgresql; notes in the JSON file");
        List<Ratio> ratios = ratios(results);
        if (!ratios.isEmpty()) {
            out.printf("%nours (gateway->gateway) / phase4->phase4, same run, as fast as the window allows:%n");
            out.printf("%-20s %7s %8s %12s %12s%n", "profile", "size", "msg/s", "CPU ms/msg", "ack p99");
            for (Ratio r : ratios) {
                out.printf(java.util.Locale.ROOT, "%-20s %7s %8.2f %12.2f %12.2f%n", r.profile(),
                        Payloads.label(r.payloadBytes()), r.perSecond(), r.cpuPerMessage(), r.ackP99());
            }
        }
    }

    /** Ours divided by phase4->phase4 for one profile and size: throughput, CPU per message, p99 to the receipt. */
    record Ratio(String profile, long payloadBytes, double perSecond, double cpuPerMessage, double ackP99) {
    }

    /**
     * The ratios of every profile and size for which this run has both a gateway->gateway and a
     * phase4->phase4 result at full speed (a fixed-rate repetition is not comparable).
     */
    static List<Ratio> ratios(List<RunResult> results) {
        List<Ratio> ratios = new java.util.ArrayList<>();
        for (RunResult ours : results) {
            if (!ours.scenario().equals("gateway->gateway") || ours.offeredRate().isPresent()) {
                continue;
            }
            results.stream().filter(p -> p.scenario().equals("phase4->phase4") && p.offeredRate().isEmpty()
                    && p.profile().equals(ours.profile()) && p.payloadBytes() == ours.payloadBytes()).findFirst()
                    .ifPresent(phase4 -> ratios.add(new Ratio(ours.profile(), ours.payloadBytes(),
                            ours.perSecond() / phase4.perSecond(), ours.cpuSecondsPerMessage() / phase4.cpuSecondsPerMessage(),
                            ours.acknowledged().p99() / phase4.acknowledged().p99())));
        }
        return ratios;
    }

    static void json(Path file, Machine machine, String kind, Object results) throws IOException {
        json(file, machine, kind, null, results);
    }

    /** The report of a run of our gateways, with the database they kept their message logs in. */
    static void json(Path file, Machine machine, String kind, String database, Object results) throws IOException {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("kind", kind);
        document.put("machine", machine);
        if (database != null) {
            document.put("database", database);
        }
        document.put("loadAverageAtEnd", Machine.currentLoadAverage());
        document.put("results", results);
        if (results instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof RunResult) {
            @SuppressWarnings("unchecked")
            List<RunResult> runs = (List<RunResult>) list;
            document.put("oursOverPhase4", ratios(runs));
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, Json.write(document));
    }
}
