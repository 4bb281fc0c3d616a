package org.imigateway.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * CPU time and heap of this JVM over a measured phase. Both gateways of an in-process run share
 * the JVM, so CPU seconds are those of sender and receiver together.
 */
public final class ProcessMeter {

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuStartNanos;
    private double cpuSeconds = Double.NaN;
    private double peakHeapMb = Double.NaN;
    private final MeasuredPhase phase = new MeasuredPhase();

    /** Resets the heap peaks and notes the CPU time used so far. */
    public void start() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        cpuStartNanos = os.getProcessCpuTime();
        phase.begin();
    }

    /** Ends the measured phase: what the driver reads afterwards (histories, reports) is not counted. */
    public void stop() {
        phase.commit();
        cpuSeconds = (os.getProcessCpuTime() - cpuStartNanos) / 1e9;
        peakHeapMb = currentPeakHeapMb();
    }

    public double cpuSeconds() {
        return cpuSeconds;
    }

    public double peakHeapMb() {
        return peakHeapMb;
    }

    /** The sum of the heap pools' peaks since {@link #start()}: an upper bound of the peak heap in use. */
    private static double currentPeakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / (1024.0 * 1024.0);
    }
}
