package org.imigateway.bench;

import static org.imigateway.GatewayParts.partsOf;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.imigateway.Gateway;
import org.imigateway.store.Direction;
import org.imigateway.store.MessageStatus;

/** phase4 sends to our (durable) receiving gateway: the receiving side of ours against the same sender. */
public final class Phase4ToGateway implements Scenario {

    @Override
    public String name() {
        return "phase4->gateway";
    }

    @Override
    public RunResult run(RunPlan plan, BenchNetwork network, Path payload) throws Exception {
        Gateway receiver = network.receiver();
        Phase4Load load = new Phase4Load(network, plan.profile(), partsOf(receiver).pmodes().party(BenchNetwork.RECEIVER)
                .orElseThrow().encryptionCertificate(plan.profile()), URI.create(receiver.endpoints().get(0)),
                BenchNetwork.RECEIVER, payload);
        String loadAverage = Machine.currentLoadAverage();
        ProcessMeter meter = new ProcessMeter(network.database());
        List<Load.Sent> all;
        try (StatusCount delivered = StatusCount.of(receiver, MessageStatus.DELIVERED)) {
            meter.start();
            all = Load.run(plan, load::send, load.completed(), GatewayToGateway.timeoutSeconds(plan));
            delivered.completions().await(plan.total() - load.failed(), GatewayToGateway.timeoutSeconds(plan),
                    "messages delivered by the receiver");
            meter.stop();
        }
        List<Load.Sent> measured = all.subList(plan.warmup(), all.size());
        Map<String, Instant> delivered = new HashMap<>();
        for (Load.Sent message : measured) {
            GatewayToGateway.reached(receiver, message.messageId(), Direction.INBOUND, MessageStatus.DELIVERED)
                    .ifPresent(at -> delivered.put(message.messageId(), at));
        }
        return Figures.of(name(), plan, measured, load.acknowledged, Optional.of(delivered), load.failed(), meter,
                loadAverage, "our receiver durable (receipt after the database's commit and Artemis enqueue; CPU"
                        + " includes PostgreSQL's server processes on --database postgresql)");
    }
}
