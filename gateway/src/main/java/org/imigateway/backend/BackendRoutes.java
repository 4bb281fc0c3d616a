package org.imigateway.backend;

import java.util.Map;

import org.apache.camel.builder.RouteBuilder;
import org.imigateway.broker.CamelJms;
import org.imigateway.broker.Queues;
import org.imigateway.route.DeliverToBackend;

/**
 * The routes of the configured backends:
 * <pre>
 *   deliver-&lt;name&gt;    imi.delivery.&lt;name&gt;   -> record the backend, hand over once -> DELIVERED
 *   notify-outcomes   timer                -> ACKNOWLEDGED / SEND_FAILURE of a backend's submissions -> its connector
 * </pre>
 */
final class BackendRoutes extends RouteBuilder {

    private final Map<String, DeliverToBackend> deliveries;
    private final NotifyOutcomes notifyOutcomes;
    private final long notifyPeriodMillis;

    BackendRoutes(Map<String, DeliverToBackend> deliveries, NotifyOutcomes notifyOutcomes, long notifyPeriodMillis) {
        this.deliveries = deliveries;
        this.notifyOutcomes = notifyOutcomes;
        this.notifyPeriodMillis = notifyPeriodMillis;
    }

    @Override
    public void configure() {
        for (Map.Entry<String, DeliverToBackend> backend : deliveries.entrySet()) {
            from(CamelJms.consume(Queues.delivery(backend.getKey()), 1, 2)).routeId("deliver-" + backend.getKey())
                    .transacted(CamelJms.REQUIRED_POLICY)
                    .process(backend.getValue()).id("deliverTo-" + backend.getKey());
        }
        if (!deliveries.isEmpty()) {
            from("timer:notify-outcomes?period=" + notifyPeriodMillis).routeId("notify-outcomes")
                    .process(notifyOutcomes).id("notifyOutcomes");
        }
    }
}
