package org.imigateway.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.imigateway.testsupport.phase4.Edelivery20Profiles.Phase4Profile;
import org.imigateway.testsupport.phase4.Phase4Party;
import org.imigateway.testsupport.phase4.Phase4Receiver;

/**
 * The baseline: phase4 sender to phase4 receiver, same payloads and algorithms, in this JVM.
 * phase4 keeps no durable queue: its receipt follows in-memory processing, so this pair does
 * less work per message than ours. The receiver is phase4's request handler behind the JDK HTTP
 * server (as in our interoperability tests); it keeps what it received in memory, which shows
 * in the peak heap.
 */
public final class Phase4ToPhase4 implements Scenario {

    @Override
    public String name() {
        return "phase4->phase4";
    }

    @Override
    public RunResult run(RunPlan plan, BenchNetwork network, Path payload) throws Exception {
        try (Phase4Receiver receiver = Phase4Receiver.builder()
                .keys(network.phase4Keys(BenchNetwork.PHASE4_RECEIVER, plan.profile()))
                .profile(Phase4Profile.valueOf(plan.profile().name()))
                .self(Phase4Party.unregistered(BenchNetwork.PHASE4_RECEIVER))
                .partner(Phase4Party.unregistered(BenchNetwork.PHASE4_SENDER))
                .start()) {
            Phase4Load load = new Phase4Load(network, plan.profile(),
                    network.phase4EncryptionCertificate(BenchNetwork.PHASE4_RECEIVER, plan.profile()),
                    receiver.endpoint(), BenchNetwork.PHASE4_RECEIVER, payload);
            String loadAverage = Machine.currentLoadAverage();
            ProcessMeter meter = new ProcessMeter();
            meter.start();
            List<Load.Sent> all = Load.run(plan, load::send, load.completed(), GatewayToGateway.timeoutSeconds(plan));
            meter.stop();
            return Figures.of(name(), plan, all.subList(plan.warmup(), all.size()), load.acknowledged, Optional.empty(),
                    load.failed(), meter, loadAverage,
                    "phase4 keeps no durable queue (receipt after in-memory processing); receiver holds payloads in memory");
        }
    }
}
