package org.imigateway.route;

import org.apache.camel.builder.RouteBuilder;
import org.imigateway.broker.CamelJms;
import org.imigateway.broker.Queues;

/**
 * Every path a message takes after the AS4 endpoint or a submission, one route each:
 * <pre>
 *   dispatch         imi.inbound              -> choose the backend by authority -> imi.delivery.&lt;backend&gt;
 *   deliver-default  imi.delivery.default     -> hand to the backend once -> DELIVERED
 *   deliver-&lt;name&gt;   imi.delivery.&lt;name&gt;      -> the same for each configured backend (backend.BackendRoutes)
 *   send             imi.outbound             -> POST, verify receipt -> ACKNOWLEDGED
 *                                                | temporary failure -> back on imi.outbound at the retry time
 *                                                | retries spent -> SEND_FAILURE (EBMS:0301)
 *   recovery         timer, every minute      -> queue again what Derby has pending
 * </pre>
 * All consumers are transacted: an exception rolls the receive back and the broker redelivers
 * (then dead-letters to imi.dlq); routes never swallow exceptions, or a failure would commit.
 * After an Error, or when a route stops consuming, {@link RouteSupervisor} restarts that route.
 */
public final class GatewayRoutes extends RouteBuilder {

    public static final String DEFAULT_BACKEND = "default";

    private final ChooseBackend chooseBackend;
    private final DeliverToBackend deliver;
    private final TransmitMessage transmit;
    private final Recovery recovery;
    private final long recoveryPeriodMillis;

    public GatewayRoutes(ChooseBackend chooseBackend, DeliverToBackend deliver, TransmitMessage transmit,
            Recovery recovery, long recoveryPeriodMillis) {
        this.chooseBackend = chooseBackend;
        this.deliver = deliver;
        this.transmit = transmit;
        this.recovery = recovery;
        this.recoveryPeriodMillis = recoveryPeriodMillis;
    }

    @Override
    public void configure() {
        from(CamelJms.consume(Queues.INBOUND, 1, 2)).routeId("dispatch")
                .transacted(CamelJms.REQUIRED_POLICY)
                .process(chooseBackend).id("chooseBackend")
                .setHeader(Queues.DUPLICATE_ID_PROPERTY, simple("deliver:${header." + Headers.MESSAGE_ID + "}"))
                .toD(CamelJms.produce(Queues.DELIVERY_PREFIX + "${header." + ChooseBackend.BACKEND + "}"));

        from(CamelJms.consume(Queues.delivery(DEFAULT_BACKEND), 1, 2)).routeId("deliver-" + DEFAULT_BACKEND)
                .transacted(CamelJms.REQUIRED_POLICY)
                .process(deliver).id("deliverToBackend");

        from(CamelJms.consume(Queues.OUTBOUND, 2, 8)).routeId("send")
                .transacted(CamelJms.REQUIRED_POLICY)
                .process(transmit).id("transmitMessage")
                .filter(header(Headers.RETRY_AT).isNotNull())
                    .setHeader(Headers.SCHEDULED_DELIVERY, header(Headers.RETRY_AT))
                    .setHeader(Queues.DUPLICATE_ID_PROPERTY,
                            simple("out:${header." + Headers.MESSAGE_ID + "}:${header." + Headers.RETRY_AT + "}"))
                    .to(CamelJms.produce(Queues.OUTBOUND))
                .end();

        from("timer:recovery?delay=" + recoveryPeriodMillis + "&period=" + recoveryPeriodMillis).routeId("recovery")
                .process(recovery).id("requeuePending");
    }
}
