package org.imigateway.bench;

import java.time.Duration;
import java.util.List;

/** Percentiles of a set of latencies, in milliseconds (nearest-rank). */
public record Latency(int samples, double p50, double p95, double p99, double max) {

    public static Latency of(List<Duration> durations) {
        if (durations.isEmpty()) {
            return new Latency(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] millis = durations.stream().mapToDouble(d -> d.toNanos() / 1e6).sorted().toArray();
        return new Latency(millis.length, rank(millis, 50), rank(millis, 95), rank(millis, 99), millis[millis.length - 1]);
    }

    private static double rank(double[] sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
