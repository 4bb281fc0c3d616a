package org.imigateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.imigateway.testsupport.ChildLog;

/** An {@code imi-gateway} command in a JVM of its own, with its peak resident memory sampled from /proc. */
final class GatewayProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private long peakRssKb;
    private double cpuSeconds;

    private GatewayProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static GatewayProcess start(Path jar, String heap, Path log, String... arguments) throws IOException {
        return start(jar, heap, List.of(), log, arguments);
    }

    /** {@code jvmOptions} go before {@code -jar}, e.g. a JFR recording. */
    static GatewayProcess start(Path jar, String heap, List<String> jvmOptions, Path log, String... arguments)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new GatewayProcess(process, log);
    }

    void awaitLog(String text, Duration timeout) throws IOException, InterruptedException {
        ChildLog.await(process, log, text, timeout);
    }

    /** Waits for the process to end, sampling its memory and that of {@code others} meanwhile. */
    int awaitExit(Duration timeout, GatewayProcess... others) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (process.isAlive()) {
            sample();
            for (GatewayProcess other : others) {
                other.sample();
            }
            if (System.nanoTime() > deadline) {
                process.destroy();
                return -1;
            }
            Thread.sleep(200);
        }
        return process.exitValue();
    }

    /** Reads VmHWM, the kernel's record of the most resident memory the process has had, and the CPU time so far. */
    void sample() {
        process.toHandle().info().totalCpuDuration().ifPresent(cpu -> cpuSeconds = Math.max(cpuSeconds, cpu.toNanos() / 1e9));
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    peakRssKb = Math.max(peakRssKb, Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process has ended, or this is not Linux: the last sample stands
        }
    }

    /** User and system CPU seconds of the process at the last sample (every 200 ms while awaited). */
    double cpuSeconds() {
        return cpuSeconds;
    }

    double peakRssMb() {
        return peakRssKb / 1024.0;
    }

    @Override
    public void close() throws InterruptedException {
        sample();
        process.destroy();
        process.waitFor();
    }
}
