package org.imigateway.ops;

import java.lang.management.ManagementFactory;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;

/** What the running JVM was started with, where the gateway depends on it. */
public final class JvmOptions {

    private JvmOptions() {
    }

    /**
     * Whether the JVM ends on an OutOfMemoryError ({@code -XX:+ExitOnOutOfMemoryError}, or
     * {@code -XX:+CrashOnOutOfMemoryError}, which also ends it). Without either, a gateway that ran out of
     * memory goes on with threads in an unknown state instead of being restarted by its supervisor.
     */
    public static boolean exitsOnOutOfMemoryError() {
        try {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (hotspot != null) {
                return enabled(hotspot, "ExitOnOutOfMemoryError") || enabled(hotspot, "CrashOnOutOfMemoryError");
            }
        } catch (IllegalArgumentException e) {
            // not a HotSpot JVM: fall back to the command line
        }
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(argument -> argument.equals("-XX:+ExitOnOutOfMemoryError")
                        || argument.equals("-XX:+CrashOnOutOfMemoryError"));
    }

    private static boolean enabled(HotSpotDiagnosticMXBean hotspot, String option) {
        VMOption value = hotspot.getVMOption(option);
        return Boolean.parseBoolean(value.getValue());
    }
}
