package org.imigateway.bench;

import java.util.Optional;

/**
 * The figures of one run. {@code acknowledged} is submit to receipt at the sender (for our gateway
 * the ACKNOWLEDGED status), {@code delivered} submit to the receiver's backend delivery, empty
 * when the receiver has no backend hand-off of its own to time. {@code cpuSecondsPerMessage}
 * includes {@code databaseCpuSecondsPerMessage}, the PostgreSQL server's share (0 on Derby, which
 * runs in the JVM).
 */
public record RunResult(
        String scenario,
        String profile,
        long payloadBytes,
        int messages,
        int concurrency,
        Optional<Double> offeredRate,
        int failed,
        double seconds,
        double perSecond,
        Latency acknowledged,
        Optional<Latency> delivered,
        double cpuSecondsPerMessage,
        double databaseCpuSecondsPerMessage,
        double peakHeapMb,
        String loadAverage,
        String note) {
}
