package org.imigateway.bench;

import static org.imigateway.GatewayParts.partsOf;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.imigateway.Gateway;
import org.imigateway.store.Direction;
import org.imigateway.store.MessageStatus;
import org.imigateway.store.StatusChange;

/**
 * The figures of one message fanned out by the hub (the alert, or its withdrawal), all from the
 * gateways' own status histories (microsecond timestamps on this JVM's clock), so measuring costs
 * the run nothing. Seconds count from the instant the national system submitted the message.
 *
 * @param hubDecidedSeconds      until the hub had decided and queued every copy (its inbound DELIVERED)
 * @param firstQueuedSeconds     until the hub queued its first copy: the AS4 hop to the hub and the decision
 * @param allDeliveredSeconds    until the last copy was delivered to a national system's backend
 * @param allAcknowledgedSeconds until the hub held the last receipt
 * @param hubOutPerSecond        copies per second out of the hub, from its first copy queued to its last receipt
 * @param delivered              per-recipient submit to delivered
 * @param acknowledged           per-recipient submit to the hub's ACKNOWLEDGED
 */
record FanOutPhase(String message, int recipients, double hubDecidedSeconds, double firstQueuedSeconds,
        double allDeliveredSeconds, double allAcknowledgedSeconds, double hubOutPerSecond, Latency delivered,
        Latency acknowledged, double cpuSeconds, double cpuMsPerRecipient, double peakHeapMb) {

    static FanOutPhase of(String message, Instant submitted, String causeId, List<FanOutDeliveries.Copy> copies,
            Gateway hub, FanOutNetwork network, ProcessMeter meter) {
        List<Duration> toDelivered = new ArrayList<>();
        List<Duration> toAcknowledged = new ArrayList<>();
        Instant firstQueued = Instant.MAX;
        for (FanOutDeliveries.Copy copy : copies) {
            GatewayToGateway.reached(network.gateway(copy.accessPoint()), copy.messageId(), Direction.INBOUND, MessageStatus.DELIVERED)
                    .ifPresent(at -> toDelivered.add(Duration.between(submitted, at)));
            List<StatusChange> history = partsOf(hub).messageLog().history(copy.messageId(), Direction.OUTBOUND);
            if (!history.isEmpty() && history.get(0).at().isBefore(firstQueued)) {
                firstQueued = history.get(0).at();
            }
            history.stream().filter(c -> c.to() == MessageStatus.ACKNOWLEDGED).findFirst()
                    .ifPresent(c -> toAcknowledged.add(Duration.between(submitted, c.at())));
        }
        double decided = GatewayToGateway.reached(hub, causeId, Direction.INBOUND, MessageStatus.DELIVERED)
                .map(at -> seconds(Duration.between(submitted, at))).orElse(Double.NaN);
        Latency delivered = Latency.of(toDelivered);
        Latency acknowledged = Latency.of(toAcknowledged);
        double queued = firstQueued.equals(Instant.MAX) ? Double.NaN : seconds(Duration.between(submitted, firstQueued));
        double lastAck = acknowledged.max() / 1000;
        return new FanOutPhase(message, copies.size(), decided, queued, delivered.max() / 1000, lastAck,
                toAcknowledged.size() / (lastAck - queued), delivered, acknowledged, meter.cpuSeconds(),
                meter.cpuSeconds() * 1000 / copies.size(), meter.peakHeapMb());
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
