package org.imigateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.imigateway.as4.WorkFolders;
import org.imigateway.connectors.fs.FolderInbox;
import org.imigateway.demo.DemoNetwork;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code large}: one big attachment from a sending gateway JVM to a receiving one, each with a
 * small heap, through the {@code imi-gateway} command ({@code serve} receives, {@code send}
 * sends and waits for the receipt). The payload must arrive byte-identical (SHA-256).
 */
@Command(name = "large", mixinStandardHelpOptions = true,
        description = "A large attachment between two gateway JVMs with a small heap; MB/s, peak RSS, SHA-256 check.")
public final class LargeCommand implements Callable<Integer> {

    /**
     * What one large run showed; RSS is the kernel's high-water mark (VmHWM) of each JVM. CPU: the
     * sender's whole life (its start-up included), the receiver's from the sender's start to the delivery.
     * {@code secondsRunningToAck}: from the sending gateway's "listening" to its ACKNOWLEDGED, both by
     * the timestamps of its own log: what a gateway that is already running takes (the `send`
     * command starts one, 7-12 s here), and {@code runningMegabytesPerSecond} from it.
     */
    public record Large(long payloadBytes, String heap, boolean acknowledged, boolean identical, double secondsToAck,
            double secondsToDelivered, double megabytesPerSecond, double senderPeakRssMb, double receiverPeakRssMb,
            double senderCpuSeconds, double receiverCpuSeconds, String sha256, String note, double secondsRunningToAck,
            double runningMegabytesPerSecond) {
    }

    @Option(names = "--size", defaultValue = "2GiB", description = "Payload size (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--heap", defaultValue = "256m", description = "-Xmx of both gateway JVMs (default: ${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--gateway-jar", defaultValue = "gateway/target/imi-gateway.jar",
            description = "The imi-gateway command jar (default: ${DEFAULT-VALUE}).")
    Path gatewayJar;

    @Mixin
    BenchDatabase.Choice databaseChoice;

    @Option(names = "--dir", defaultValue = "target/bench-large", description = "Work folder.")
    Path dir;

    @Option(names = "--timeout", defaultValue = "3600", description = "Seconds to wait in all (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--out", defaultValue = "target/large.json")
    Path out;

    @Option(names = "--jfr", paramLabel = "DIR", description = "Record both JVMs with JFR (settings=profile) into"
            + " DIR/receiver.jfr and DIR/sender.jfr, and print the CPU breakdown of each.")
    Path jfr;

    @Override
    public Integer call() throws Exception {
        Machine machine = Machine.now();
        if (!Files.isRegularFile(gatewayJar)) {
            System.err.println("--gateway-jar " + gatewayJar.toAbsolutePath() + " does not exist: build the gateway first");
            return 1;
        }
        long bytes = Payloads.parseSize(size);
        Files.createDirectories(dir);
        Path payload = Payloads.binary(dir, bytes);
        String expected = Payloads.sha256(payload);
        Path net = Files.createTempDirectory(dir, "net-");
        DemoNetwork plan = DemoNetwork.create(net, List.of(BenchNetwork.SENDER, BenchNetwork.RECEIVER), false);
        for (Path home : plan.homes().values()) {
            BenchNetwork.raiseLimits(home);
            databaseChoice.database().configure(home, BenchNetwork.POOL_SIZE);
        }
        String stored = databaseChoice.database().describe();
        Path receiverHome = plan.home(BenchNetwork.RECEIVER);
        Large large;
        try (GatewayProcess receiver = GatewayProcess.start(gatewayJar, heap, recording("receiver"),
                dir.resolve("receiver.log"), "serve", "--home", receiverHome.toString())) {
            receiver.awaitLog("receiving at", Duration.ofMinutes(2));
            receiver.sample();
            double receiverCpuAtStart = receiver.cpuSeconds();
            long start = System.nanoTime();
            GatewayProcess sender = GatewayProcess.start(gatewayJar, heap, recording("sender"), dir.resolve("sender.log"), "send",
                    "--home", plan.home(BenchNetwork.SENDER).toString(), "--to", BenchNetwork.RECEIVER,
                    "--file", payload.toString(), "--mime-type", "application/octet-stream",
                    "--wait", Long.toString(timeoutSeconds));
            int exit = sender.awaitExit(Duration.ofSeconds(timeoutSeconds), receiver);
            double toAck = (System.nanoTime() - start) / 1e9;
            Optional<Path> delivered = exit == 0
                    ? awaitDelivered(receiverHome.resolve("data/inbox"), Duration.ofSeconds(timeoutSeconds), receiver)
                    : Optional.empty();
            double toDelivered = (System.nanoTime() - start) / 1e9;
            receiver.sample();
            String actual = delivered.isPresent() ? Payloads.sha256(delivered.get().resolve("payload-1")) : "";
            double running = secondsBetween(dir.resolve("sender.log"), "' listening", "-> ACKNOWLEDGED");
            large = new Large(bytes, heap, exit == 0, expected.equals(actual), toAck, toDelivered,
                    delivered.isPresent() ? bytes / 1e6 / toDelivered : 0, sender.peakRssMb(), receiver.peakRssMb(),
                    sender.cpuSeconds(), receiver.cpuSeconds() - receiverCpuAtStart, expected, exit == 0 ? "send exit 0 (ACKNOWLEDGED)" : "send exit " + exit + ", see " + dir.resolve("sender.log"),
                    running, exit == 0 && running > 0 ? bytes / 1e6 / running : 0);
        }
        if (large.acknowledged() && large.identical()) {
            // Both homes hold the payload two or three times over: kept only when the run failed.
            WorkFolders.deleteQuietly(net);
        }
        System.out.printf(Locale.ROOT, "%nmachine: %d cores, %d MB, %s; load average %s%n", machine.cores(),
                machine.memoryMb(), machine.jvm(), Machine.currentLoadAverage());
        System.out.printf(Locale.ROOT, "%s with -Xmx%s: acknowledged %s after %.1f s, delivered %s after %.1f s, %.1f MB/s,"
                + " peak RSS sender %.0f MB, receiver %.0f MB, CPU sender %.1f s, receiver %.1f s%n", Payloads.label(bytes),
                heap, large.acknowledged(), large.secondsToAck(), large.identical() ? "byte-identical" : "NOT identical",
                large.secondsToDelivered(), large.megabytesPerSecond(), large.senderPeakRssMb(), large.receiverPeakRssMb(),
                large.senderCpuSeconds(), large.receiverCpuSeconds());
        System.out.printf(Locale.ROOT, "sending gateway running -> ACKNOWLEDGED (its log): %.1f s, %.1f MB/s%n",
                large.secondsRunningToAck(), large.runningMegabytesPerSecond());
        System.out.println("message logs: " + stored);
        Report.json(out, machine, "large-payload", stored, List.of(large));
        System.out.println("JSON: " + out.toAbsolutePath());
        if (jfr != null) {
            for (String side : List.of("sender", "receiver")) {
                Path file = jfr.resolve(side + ".jfr");
                CpuBreakdown.of(file).print(side + " (" + file + ")", Double.NaN, 8, System.out);
            }
        }
        return large.acknowledged() && large.identical() ? 0 : 2;
    }

    /** The JVM options that make a JFR recording of one side, when {@code --jfr} asks for them. */
    private List<String> recording(String side) throws IOException {
        if (jfr == null) {
            return List.of();
        }
        Files.createDirectories(jfr);
        // dumped when the JVM exits: the receiver is stopped by destroy(), which lets shutdown hooks run
        return List.of("-XX:StartFlightRecording=filename=" + jfr.resolve(side + ".jfr").toAbsolutePath()
                + ",settings=profile,dumponexit=true");
    }

    /**
     * Seconds between the first log line containing {@code from} and the first after it containing
     * {@code to}, by the lines' own ISO timestamps; -1 when either is missing.
     */
    static double secondsBetween(Path log, String from, String to) throws IOException {
        java.time.Instant start = null;
        for (String line : Files.readAllLines(log, java.nio.charset.StandardCharsets.UTF_8)) {
            java.time.Instant at = timestamp(line);
            if (at == null) {
                continue;
            }
            if (start == null && line.contains(from)) {
                start = at;
            } else if (start != null && line.contains(to)) {
                return java.time.Duration.between(start, at).toNanos() / 1e9;
            }
        }
        return -1;
    }

    private static java.time.Instant timestamp(String line) {
        int space = line.indexOf(' ');
        if (space < 20 || !Character.isDigit(line.charAt(0))) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(line.substring(0, space),
                    java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx")).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** The delivered message folder: the default backend renames it into place once complete. */
    private static Optional<Path> awaitDelivered(Path inbox, Duration timeout, GatewayProcess receiver)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            receiver.sample();
            List<Path> folders = new ArrayList<>();
            if (Files.isDirectory(inbox)) {
                try (Stream<Path> list = Files.list(inbox)) {
                    list.filter(f -> Files.exists(f.resolve(FolderInbox.METADATA))).forEach(folders::add);
                }
            }
            if (!folders.isEmpty()) {
                return Optional.of(folders.get(0));
            }
            Thread.sleep(200);
        }
        return Optional.empty();
    }
}
