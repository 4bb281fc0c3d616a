package org.imigateway.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns the submit instants of a run and the completion instants its systems recorded into a {@link RunResult}. */
final class Figures {

    private Figures() {
    }

    /**
     * @param sent the measured messages only (warm-up left out)
     * @param acknowledged receipt instant per MessageId
     * @param delivered backend delivery instant per MessageId, empty when the receiver has none to time
     */
    static RunResult of(String scenario, RunPlan plan, List<Load.Sent> sent, Map<String, Instant> acknowledged,
            Optional<Map<String, Instant>> delivered, int failed, ProcessMeter meter, String loadAverage, String note) {
        List<Duration> toAck = new ArrayList<>();
        List<Duration> toDelivery = new ArrayList<>();
        Instant first = sent.get(0).submittedAt();
        Instant last = first;
        for (Load.Sent message : sent) {
            first = min(first, message.submittedAt());
            Instant ack = acknowledged.get(message.messageId());
            if (ack != null) {
                toAck.add(Duration.between(message.submittedAt(), ack));
                last = max(last, ack);
            }
            if (delivered.isPresent()) {
                Instant at = delivered.get().get(message.messageId());
                if (at != null) {
                    toDelivery.add(Duration.between(message.submittedAt(), at));
                }
            }
        }
        double seconds = Math.max(1e-6, Duration.between(first, last).toNanos() / 1e9);
        return new RunResult(scenario, plan.profile().id(), plan.payloadBytes(), sent.size(), plan.concurrency(),
                plan.rate().isPresent() ? Optional.of(plan.rate().getAsDouble()) : Optional.empty(), failed, seconds,
                toAck.size() / seconds, Latency.of(toAck), delivered.map(d -> Latency.of(toDelivery)),
                meter.cpuSeconds() / plan.total(), meter.databaseCpuSeconds() / plan.total(), meter.peakHeapMb(),
                loadAverage, note);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
