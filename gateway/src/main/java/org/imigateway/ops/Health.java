package org.imigateway.ops;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.imigateway.store.MessageLog;

/**
 * Whether the gateway can do its job: broker running and taking messages, every route consuming,
 * database answering, room on the data disk, no certificate expired. A certificate within
 * {@link CertificateExpiry#WARNING_DAYS} of its end is a warning: the gateway still works, an
 * operator must act.
 */
public final class Health {

    /** Below this much free space on the data disk, the gateway is reported DOWN. */
    public static final long MIN_FREE_BYTES = 100L * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    public enum State { UP, WARN, DOWN }

    /** One component's state and a line an operator can act on. */
    public record Check(State state, String detail) {
    }

    /** The overall state is the worst of the components. */
    public record Report(State state, Map<String, Check> checks) {

        /** {@code {"status":..,"checks":{"<name>":{"status":..,"detail":..},...}}} and a line end, checks in the order made. */
        public String toJson() {
            ObjectNode json = JSON.createObjectNode().put("status", state.name());
            ObjectNode named = json.putObject("checks");
            checks.forEach((name, check) -> named.putObject(name).put("status", check.state().name())
                    .put("detail", check.detail()));
            try {
                return JSON.writeValueAsString(json) + "\n";
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a tree of strings always writes", e);
            }
        }
    }

    private final BooleanSupplier brokerStarted;
    private final Supplier<Optional<String>> brokerBlocked;
    private final Supplier<List<String>> routeProblems;
    private final MessageLog log;
    private final Path dataDir;
    private final CertificateExpiry certificates;
    private final ClusterState cluster;
    private final Supplier<String> brokerLive;

    /**
     * @param routeProblems one line per route that does not consume, naming it (route.RouteSupervisor);
     *                      empty when all consume
     * @param brokerBlocked why a running broker takes no messages (broker.Broker#blocked); empty when it does
     */
    public Health(BooleanSupplier brokerStarted, Supplier<Optional<String>> brokerBlocked,
            Supplier<List<String>> routeProblems, MessageLog log, Path dataDir,
            CertificateExpiry certificates, ClusterState cluster, Supplier<String> brokerLive) {
        this.brokerLive = brokerLive;
        this.brokerStarted = brokerStarted;
        this.brokerBlocked = brokerBlocked;
        this.routeProblems = routeProblems;
        this.log = log;
        this.dataDir = dataDir;
        this.certificates = certificates;
        this.cluster = cluster;
    }

    public Report check() {
        Map<String, Check> checks = new LinkedHashMap<>();
        checks.put("broker", broker());
        checks.put("routes", routes());
        checks.put("database", database());
        checks.put("disk", disk());
        checks.put("certificates", certificates());
        if (cluster.clustered()) {
            checks.put("cluster", new Check(State.UP, "node " + cluster.nodeId() + (cluster.holdsTimers()
                    ? "; runs the timers" : "; the timers run on another node") + "; " + brokerLive.get()));
        }
        State worst = checks.values().stream().map(Check::state).max(Enum::compareTo).orElse(State.UP);
        return new Report(worst, checks);
    }

    // A broker that takes no messages leaves every receipt waiting: DOWN, though nothing has failed yet.
    private Check broker() {
        if (!brokerStarted.getAsBoolean()) {
            return new Check(State.DOWN, "the broker is not running or not reachable");
        }
        return brokerBlocked.get().map(why -> new Check(State.DOWN, "started, but takes no messages: " + why))
                .orElseGet(() -> new Check(State.UP, "started"));
    }

    // A route that does not consume leaves received messages undelivered: DOWN until it is restarted.
    private Check routes() {
        List<String> problems = routeProblems.get();
        return problems.isEmpty() ? new Check(State.UP, "every route consumes")
                : new Check(State.DOWN, String.join("; ", problems));
    }

    private Check database() {
        try {
            log.countByStatus();
            return new Check(State.UP, "the message log answers");
        } catch (RuntimeException e) {
            return new Check(State.DOWN, "the message log does not answer: " + e.getMessage());
        }
    }

    private Check disk() {
        try {
            FileStore store = Files.getFileStore(dataDir);
            long free = store.getUsableSpace();
            String detail = (free / (1024 * 1024)) + " MB free for " + dataDir;
            return new Check(free < MIN_FREE_BYTES ? State.DOWN : State.UP, detail);
        } catch (IOException e) {
            return new Check(State.DOWN, "cannot read the free space of " + dataDir + ": " + e.getMessage());
        }
    }

    private Check certificates() {
        Instant now = Instant.now();
        List<String> soon = certificates.expiringSoon(now);
        String active = "; in force: " + certificates.active(now).entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", "));
        if (soon.isEmpty()) {
            return new Check(State.UP, "every certificate has " + CertificateExpiry.WARNING_DAYS + " days or more left"
                    + active);
        }
        State state = certificates.fewestDaysLeft(now) < 0 ? State.DOWN : State.WARN;
        return new Check(state, "days left: " + String.join(", ", soon) + active);
    }
}
