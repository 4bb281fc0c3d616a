package org.imigateway.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * CPU time and heap of this JVM over a measured phase. Both gateways of an in-process run share
 * the JVM, so CPU seconds are those of sender and receiver together, and, when they keep their
 * message logs in PostgreSQL, of its server processes too: the store's work is counted on either
 * database, in this JVM for Derby, in the server for PostgreSQL.
 */
public final class ProcessMeter {

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuStartNanos;
    private double cpuSeconds = Double.NaN;
    private double peakHeapMb = Double.NaN;
    private final MeasuredPhase phase = new MeasuredPhase();
    private final BenchDatabase database;
    private double databaseCpuAtStart;
    private double databaseCpuSeconds = Double.NaN;

    /** A meter of this JVM alone: phase4's runs, which keep no database. */
    public ProcessMeter() {
        this(BenchDatabase.DERBY);
    }

    /** A meter of this JVM and of the database our gateways store in. */
    ProcessMeter(BenchDatabase database) {
        this.database = database;
    }

    /** Resets the heap peaks and notes the CPU time used so far. */
    public void start() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        databaseCpuAtStart = database.cpuSecondsOutsideThisJvm();
        cpuStartNanos = os.getProcessCpuTime();
        phase.begin();
    }

    /** Ends the measured phase: what the driver reads afterwards (histories, reports) is not counted. */
    public void stop() {
        phase.commit();
        databaseCpuSeconds = database.cpuSecondsOutsideThisJvm() - databaseCpuAtStart;
        cpuSeconds = (os.getProcessCpuTime() - cpuStartNanos) / 1e9 + databaseCpuSeconds;
        peakHeapMb = currentPeakHeapMb();
    }

    public double cpuSeconds() {
        return cpuSeconds;
    }

    /** The part of {@link #cpuSeconds()} the database server used outside this JVM: 0 on Derby. */
    public double databaseCpuSeconds() {
        return databaseCpuSeconds;
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
