package org.imigateway.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Where and when figures were taken. Figures from a shared or loaded machine mean little on
 * their own, so every report carries the cores, memory, JVM and the load average beside them.
 */
public record Machine(String host, int cores, long memoryMb, String jvm, String os, String loadAverage, Instant at) {

    public static Machine now() {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new Machine(hostName(), Runtime.getRuntime().availableProcessors(),
                os.getTotalMemorySize() / (1024 * 1024),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                currentLoadAverage(), Instant.now());
    }

    /** The 1, 5 and 15 minute load averages as the kernel prints them, or what the JVM knows. */
    public static String currentLoadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
