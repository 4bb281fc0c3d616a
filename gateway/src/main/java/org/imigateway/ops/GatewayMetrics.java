package org.imigateway.ops;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.imigateway.broker.Queues;
import org.imigateway.route.GatewayRoutes;
import org.imigateway.store.MessageStatus;

import org.imigateway.route.SendControl;
/**
 * The gateway's Micrometer registry: gauges over the same sources as the MBean (message log,
 * broker, send control, certificates), read at scrape time. Scraped as Prometheus text at
 * {@code /metrics}; the same meters are the {@code Metrics} attribute of the gateway MBean.
 */
public final class GatewayMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ToLongFunction<String> queueDepth;

    public GatewayMetrics(String party, MessageStatistics statistics, ToLongFunction<String> queueDepth,
            SendControl control, CertificateExpiry certificates, Collection<String> partners, ClusterState cluster,
            Supplier<Optional<String>> brokerBlocked) {
        this.queueDepth = queueDepth;
        registry.config().commonTags("gateway", party);
        Gauge.builder("imi.cluster.timer.holder", cluster, c -> c.holdsTimers() ? 1 : 0)
                .description("1 on the node that runs the once-only timers (recovery, retention, overdue,"
                        + " public-recovery), 0 on the others; a gateway on its own is 1")
                .tag("node", cluster.nodeId()).register(registry);
        // The supplier form holds the lambda strongly; with (object, function) the gauge would read NaN
        // once the method reference handed in here is collected.
        Gauge.builder("imi.broker.blocked", () -> brokerBlocked.get().isPresent() ? 1 : 0)
                .description("1 while the embedded broker takes no messages (its disk above max-disk-usage):"
                        + " receipts are answered EBMS:0004 after 10 s; 0 otherwise, and always for an external broker")
                .register(registry);
        for (MessageStatus status : MessageStatus.values()) {
            String key = status.direction() + "/" + status;
            Gauge.builder("imi.messages", statistics, s -> s.countsByStatus().getOrDefault(key, 0L))
                    .description("messages in the log by status (pings excluded)")
                    .tags("direction", status.direction().name(), "status", status.name()).register(registry);
        }
        for (String queue : new String[] {Queues.INBOUND, Queues.delivery(GatewayRoutes.DEFAULT_BACKEND), Queues.OUTBOUND,
                Queues.DEAD_LETTER}) {
            watchQueue(queue);
            if (!queue.equals(Queues.DEAD_LETTER)) {
                Gauge.builder("imi.queue.oldest.pending", statistics,
                        s -> s.oldestPendingSeconds(Instant.now()).getOrDefault(queue, 0L))
                        .description("age of the oldest message waiting for the queue's route").baseUnit("seconds")
                        .tag("queue", queue).register(registry);
            }
        }
        for (String partner : partners) {
            Gauge.builder("imi.send.consecutive.failures", control, c -> c.consecutiveFailures().getOrDefault(partner, 0))
                    .description("POSTs to the party that failed in a row").tag("party", partner).register(registry);
        }
        for (String certificate : certificates.daysLeft(Instant.now()).keySet()) {
            Gauge.builder("imi.certificate.days.left", certificates,
                    c -> c.daysLeft(Instant.now()).getOrDefault(certificate, 0L))
                    .description("whole days before the certificate expires").tag("certificate", certificate)
                    .register(registry);
        }
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
    }

    /** Shows the depth of one more broker queue as {@code imi.queue.messages} (the hub's own queues). */
    public void watchQueue(String queue) {
        Gauge.builder("imi.queue.messages", () -> queueDepth.applyAsLong(queue))
                .description("messages on the broker queue, scheduled retries included")
                .tag("queue", queue).register(registry);
    }

    /** For parts that count their own meters into the gateway's registry (discovery lookups). */
    public io.micrometer.core.instrument.MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    /** Every gauge's current value keyed by name and tags, as JMX shows them. */
    public Map<String, Double> values() {
        Map<String, Double> values = new TreeMap<>();
        for (Meter meter : registry.getMeters()) {
            StringBuilder key = new StringBuilder(meter.getId().getName());
            for (Tag tag : meter.getId().getTagsAsIterable()) {
                if (!tag.getKey().equals("gateway")) {
                    key.append(',').append(tag.getKey()).append('=').append(tag.getValue());
                }
            }
            meter.measure().forEach(measurement -> values.putIfAbsent(key.toString(), measurement.getValue()));
        }
        return values;
    }

    public void close() {
        registry.close();
    }
}
