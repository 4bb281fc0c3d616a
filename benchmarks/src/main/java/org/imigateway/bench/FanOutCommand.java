package org.imigateway.bench;

import static org.imigateway.GatewayParts.partsOf;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.imigateway.Gateway;
import org.imigateway.pmode.SecurityProfile;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;
import org.imigateway.cooperation.Cooperation;
import org.imigateway.schemas.imi.ImiDocumentType;
import org.imigateway.store.MessageStatus;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fanout}: one alert from one authority to every authority of a directory spread over
 * national systems, through a cooperation hub; then its withdrawal to the same ones. Every
 * gateway runs in this JVM, so CPU and heap are those of the whole network (hub and access
 * points). The run fails, with the ids, if any authority is missing a copy or has more than one.
 */
@Command(name = "fanout", mixinStandardHelpOptions = true,
        description = "One alert through the cooperation hub to many authorities over many national systems.")
public final class FanOutCommand implements Callable<Integer> {

    /** What one fan-out run showed. */
    public record FanOut(int authorities, int countries, String profile, double pkiSeconds, double startSeconds,
            double heapAfterStartMb, List<FanOutPhase> phases, double peakRssMb, String loadAverageAtStart, String note) {
    }

    @Option(names = "--authorities", defaultValue = "1000", description = "Recipients of the alert (default: ${DEFAULT-VALUE}).")
    int authorities;

    @Option(names = "--countries", defaultValue = "27", description = "National systems, one access point each (default: ${DEFAULT-VALUE}).")
    int countries;

    @Option(names = "--profile", defaultValue = "edelivery-1.15",
            description = "Security profile of the IMI legs: edelivery-1.15, edelivery-2.0-eddsa, edelivery-2.0-ecdsa (default: ${DEFAULT-VALUE}).")
    String profileId;

    @Option(names = "--withdraw", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also withdraw the alert and time the withdrawal reaching the same authorities (default: ${DEFAULT-VALUE}).")
    boolean withdraw;

    @Option(names = "--timeout", defaultValue = "1800", description = "Seconds to wait for each fan-out (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Mixin
    BenchDatabase.Choice databaseChoice;

    @Option(names = "--dir", defaultValue = "target/bench-fanout", description = "Work folder.")
    Path dir;

    @Option(names = "--out", defaultValue = "target/fanout.json", description = "JSON report (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Machine machine = Machine.now();
        SecurityProfile profile = SecurityProfile.byId(profileId).orElseThrow(() -> new IllegalArgumentException(
                "--profile '" + profileId + "' is not one of edelivery-1.15, edelivery-2.0-eddsa, edelivery-2.0-ecdsa"));
        FanOutDirectory directory = FanOutDirectory.of(authorities, countries);
        Files.createDirectories(dir);
        Path work = Files.createTempDirectory(dir, "fanout-");
        long pkiNanos = System.nanoTime();
        try (FanOutNetwork network = FanOutNetwork.create(work.resolve("net"), directory, profile,
                databaseChoice.database())) {
            double pkiSeconds = (System.nanoTime() - pkiNanos) / 1e9;
            long startNanos = System.nanoTime();
            network.start();
            double startSeconds = (System.nanoTime() - startNanos) / 1e9;
            double heapAfterStart = heapInUseMb();
            Map<String, Gateway> accessPoints = new LinkedHashMap<>();
            directory.accessPoints().forEach(ap -> accessPoints.put(ap, network.gateway(ap)));
            System.out.printf(Locale.ROOT, "%d gateways started in %.1f s; heap in use after a full GC %.0f MB%n",
                    accessPoints.size() + 1, startSeconds, heapAfterStart);

            String caseId = directory.sender().country() + "-FANOUT-1";
            List<Outcome> outcomes = new ArrayList<>();
            outcomes.add(fanOut(network, directory, accessPoints, ImiDocumentType.ALERT_SEND, alertXml(directory, caseId),
                    work.resolve("alert.xml"), 0));
            if (withdraw) {
                outcomes.add(fanOut(network, directory, accessPoints, ImiDocumentType.ALERT_WITHDRAW,
                        withdrawalXml(directory, caseId), work.resolve("withdrawal.xml"), directory.recipients().size()));
            }
            Thread.sleep(1000); // a late second copy of either would show now
            List<FanOutDeliveries.Copy> copies = FanOutDeliveries.read(accessPoints);
            List<String> problems = new ArrayList<>();
            for (Outcome outcome : outcomes) {
                FanOutDeliveries.Check check = FanOutDeliveries.check(directory.recipients(), outcome.messageId(), copies);
                if (!check.complete()) {
                    problems.add(outcome.phase().message() + " " + outcome.messageId() + ": " + check.describe());
                }
            }
            List<FanOutPhase> phases = outcomes.stream().map(Outcome::phase).toList();
            FanOut result = new FanOut(directory.recipients().size(), directory.countries().size(), profile.id(),
                    pkiSeconds, startSeconds, heapAfterStart, phases, peakRssMb(), machine.loadAverage(),
                    "hub and " + accessPoints.size() + " access points in one JVM: CPU, heap and RSS are the whole network's"
                            + " (CPU with PostgreSQL's server processes on --database postgresql);"
                            + " delivered = in the national system's backend (inbox folder), counted by finalRecipient");
            print(machine, result);
            String stored = databaseChoice.database().describe();
            System.out.println("message logs: " + stored);
            Report.json(out, machine, "fan-out", stored, List.of(result));
            System.out.println("JSON: " + out.toAbsolutePath());
            if (!problems.isEmpty()) {
                problems.forEach(p -> System.err.println("FAN-OUT INCOMPLETE: " + p));
                return 2;
            }
            return 0;
        }
    }

    private record Outcome(String messageId, FanOutPhase phase) {
    }

    /**
     * Submits {@code xml} from the sending authority's national system and waits until the
     * access points' backends hold {@code before} + one copy per recipient and the hub holds a
     * receipt for each. The wait reads counters the message logs keep as they commit
     * ({@link StatusCount}): neither a query nor a folder listing takes CPU from the gateways.
     */
    private Outcome fanOut(FanOutNetwork network, FanOutDirectory directory, Map<String, Gateway> accessPoints,
            ImiDocumentType type, String xml, Path file, int before) throws Exception {
        Files.writeString(file, xml, StandardCharsets.UTF_8);
        Gateway hub = network.hub();
        int expected = directory.recipients().size();
        List<StatusCount> delivered = new ArrayList<>();
        try (StatusCount acknowledged = StatusCount.of(hub, MessageStatus.ACKNOWLEDGED);
             StatusCount failed = StatusCount.of(hub, MessageStatus.SEND_FAILURE)) {
            for (Gateway accessPoint : accessPoints.values()) {
                delivered.add(StatusCount.of(accessPoint, MessageStatus.DELIVERED));
            }
            ProcessMeter meter = new ProcessMeter(databaseChoice.database());
            meter.start();
            Instant submitted = Instant.now();
            String messageId = accessPoints.get(directory.sender().accessPoint()).submit(Submission.to(FanOutNetwork.HUB)
                    .service(type.service(), ImiDocumentType.SERVICE_TYPE)
                    .action(type.action())
                    .property(MessageProperty.of(Cooperation.ORIGINAL_SENDER, directory.sender().id()))
                    .property(MessageProperty.of(Cooperation.FINAL_RECIPIENT, directory.sender().id()))
                    .payload(Payload.of(file, "application/xml"))
                    .build());
            long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
            while (sum(delivered) < expected || acknowledged.completions().count() < expected) {
                if (failed.completions().count() > 0 || System.nanoTime() > deadline) {
                    throw new IllegalStateException(type + " " + messageId + ": after " + timeoutSeconds + " s or a send failure,"
                            + " the backends hold " + (FanOutDeliveries.count(accessPoints.values()) - before) + " of " + expected
                            + " copies; hub message counts " + partsOf(hub).messageLog().countByStatus());
                }
                Thread.sleep(50);
            }
            meter.stop();
            List<FanOutDeliveries.Copy> copies = FanOutDeliveries.read(accessPoints).stream()
                    .filter(c -> c.refToMessageId().equals(messageId)).toList();
            FanOutPhase phase = FanOutPhase.of(type.action(), submitted, messageId, copies, hub, network, meter);
            System.out.printf(Locale.ROOT, "%s: %d copies delivered in %.2f s, acknowledged at the hub in %.2f s%n",
                    type.action(), copies.size(), phase.allDeliveredSeconds(), phase.allAcknowledgedSeconds());
            return new Outcome(messageId, phase);
        } finally {
            delivered.forEach(StatusCount::close);
        }
    }

    private static long sum(List<StatusCount> counts) {
        return counts.stream().mapToLong(c -> c.completions().count()).sum();
    }

    private static String alertXml(FanOutDirectory directory, String caseId) {
        return "<alert xmlns=\"urn:imigateway:imi:alert:1\"><case procedure=\"" + FanOutDirectory.PROCEDURE + "\" id=\""
                + caseId + "\"/><from>" + directory.sender().id() + "</from>"
                + "<subject lang=\"en\">Prohibition to practise</subject>"
                + "<body lang=\"en\">A physician was prohibited from practising.</body>"
                + "<decisionDate>" + LocalDate.now(ZoneOffset.UTC) + "</decisionDate>"
                + directory.countries().stream().map(c -> "<country>" + c + "</country>").collect(Collectors.joining())
                + "</alert>";
    }

    private static String withdrawalXml(FanOutDirectory directory, String caseId) {
        return "<alertEnd xmlns=\"urn:imigateway:imi:alert:1\"><case procedure=\"" + FanOutDirectory.PROCEDURE
                + "\" id=\"" + caseId + "\"/><from>" + directory.sender().id() + "</from>"
                + "<reason lang=\"en\">Sent in error.</reason></alertEnd>";
    }

    private static void print(Machine machine, FanOut result) {
        System.out.printf(Locale.ROOT, "%nmachine: %s, %d cores, %d MB, %s; load average at start %s, now %s%n",
                machine.host(), machine.cores(), machine.memoryMb(), machine.jvm(), machine.loadAverage(),
                Machine.currentLoadAverage());
        System.out.printf(Locale.ROOT, "fan-out: %d authorities over %d national systems, %s; certificates and homes in %.1f s, %d gateways started in %.1f s,"
                + " heap after start %.0f MB, peak RSS %.0f MB%n", result.authorities(), result.countries(), result.profile(),
                result.pkiSeconds(), result.countries() + 1, result.startSeconds(), result.heapAfterStartMb(), result.peakRssMb());
        System.out.printf("%-9s %6s | %8s %8s %8s %8s %7s | %8s %8s %8s | %8s %8s %8s | %7s %7s%n", "message", "copies",
                "decided", "all dlv", "all ack", "1st out", "out/s", "dlv p50", "dlv p95", "dlv p99", "ack p50", "ack p95",
                "ack p99", "cpu s", "heap MB");
        for (FanOutPhase p : result.phases()) {
            System.out.printf(Locale.ROOT, "%-9s %6d | %8.2f %8.2f %8.2f %8.2f %7.1f | %8.2f %8.2f %8.2f | %8.2f %8.2f %8.2f"
                    + " | %7.1f %7.0f%n", p.message(), p.recipients(), p.hubDecidedSeconds(), p.allDeliveredSeconds(),
                    p.allAcknowledgedSeconds(), p.firstQueuedSeconds(), p.hubOutPerSecond(), p.delivered().p50() / 1000,
                    p.delivered().p95() / 1000, p.delivered().p99() / 1000, p.acknowledged().p50() / 1000,
                    p.acknowledged().p95() / 1000, p.acknowledged().p99() / 1000, p.cpuSeconds(), p.peakHeapMb());
        }
        System.out.println("seconds from the national system's submit: decided = the hub queued every copy; 1st out = its"
                + " first copy queued; out/s = copies from 1st out to the last receipt; cpu and heap: the whole JVM"
                + " (cpu with PostgreSQL's server processes on --database postgresql)");
    }

    /** Heap in use after a full collection: what the started network keeps live. */
    private static double heapInUseMb() {
        System.gc();
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getUsage().getUsed()).sum() / (1024.0 * 1024.0);
    }

    /** The kernel's high-water mark of this JVM's resident memory (VmHWM), or NaN where there is no /proc. */
    private static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return Double.NaN;
    }
}
