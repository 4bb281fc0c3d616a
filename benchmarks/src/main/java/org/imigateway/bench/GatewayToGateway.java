package org.imigateway.bench;

import static org.imigateway.GatewayParts.partsOf;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.imigateway.Gateway;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;
import org.imigateway.store.Direction;
import org.imigateway.store.MessageStatus;
import org.imigateway.store.StatusChange;

/**
 * Our gateway to our gateway, in one JVM on loopback: durable (Derby and Artemis on both sides),
 * signed, encrypted and compressed. Latencies come from the status histories both message logs
 * keep (microsecond timestamps), read after the measured phase; completions come from the message
 * logs' status listeners, so observing the run costs it nothing.
 */
public final class GatewayToGateway implements Scenario {

    @Override
    public String name() {
        return "gateway->gateway";
    }

    @Override
    public RunResult run(RunPlan plan, BenchNetwork network, Path payload) throws Exception {
        Gateway sender = network.sender();
        Gateway receiver = network.receiver();
        String loadAverage = Machine.currentLoadAverage();
        ProcessMeter meter = new ProcessMeter(network.database());
        List<Load.Sent> all;
        try (StatusCount finished = StatusCount.of(sender, MessageStatus.ACKNOWLEDGED, MessageStatus.SEND_FAILURE);
                StatusCount refused = StatusCount.of(sender, MessageStatus.SEND_FAILURE);
                StatusCount delivered = StatusCount.of(receiver, MessageStatus.DELIVERED)) {
            meter.start();
            all = Load.run(plan, i -> sender.submit(submission(plan, payload, i)), finished.completions(),
                    timeoutSeconds(plan));
            // a message that failed is never delivered: it is counted as failed below, not waited for
            delivered.completions().await(plan.total() - refused.completions().count(), timeoutSeconds(plan),
                    "messages delivered by the receiver");
            meter.stop();
        }
        List<Load.Sent> measured = all.subList(plan.warmup(), all.size());
        Map<String, Instant> acknowledged = new HashMap<>();
        Map<String, Instant> delivered = new HashMap<>();
        int failed = 0;
        for (Load.Sent message : measured) {
            Optional<Instant> ack = reached(sender, message.messageId(), Direction.OUTBOUND, MessageStatus.ACKNOWLEDGED);
            ack.ifPresent(at -> acknowledged.put(message.messageId(), at));
            failed += ack.isEmpty() ? 1 : 0;
            reached(receiver, message.messageId(), Direction.INBOUND, MessageStatus.DELIVERED)
                    .ifPresent(at -> delivered.put(message.messageId(), at));
        }
        return Figures.of(name(), plan, measured, acknowledged, Optional.of(delivered), failed, meter, loadAverage,
                "durable both sides; both gateways in this JVM (CPU and heap are the pair's; CPU includes"
                        + " PostgreSQL's server processes on --database postgresql)");
    }

    static Submission submission(RunPlan plan, Path payload, int index) {
        return Submission.to(BenchNetwork.RECEIVER)
                .service(DemoNetwork.SERVICE, DemoNetwork.SERVICE_TYPE)
                .action(DemoNetwork.action(plan.profile()))
                .conversationId("bench-" + index)
                .property(MessageProperty.of("originalSender", "urn:authority:bench-sender"))
                .property(MessageProperty.of("finalRecipient", "urn:authority:bench-receiver"))
                .payload(Payload.of(payload, "application/xml"))
                .build();
    }

    /** When the message first reached {@code status}, from the message log's history. */
    static Optional<Instant> reached(Gateway gateway, String messageId, Direction direction, MessageStatus status) {
        return partsOf(gateway).messageLog().history(messageId, direction).stream()
                .filter(change -> change.to() == status).map(StatusChange::at).findFirst();
    }

    static long timeoutSeconds(RunPlan plan) {
        return 300 + 2 * plan.total() * Math.max(1, plan.payloadBytes() / 1_000_000);
    }
}
