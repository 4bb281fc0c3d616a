package org.imigateway.cooperation.publicapi;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.imigateway.port.Queues;

/**
 * The public interface's routes, on a hub with {@code public.enabled=true}:
 * <pre>
 *   public-forward   imi.public.forward   -> submit the accepted submission as public-&lt;trackingId&gt;@&lt;hub&gt;
 *   public-recovery  timer, at start and every period -> queue again what was accepted and not sent on
 * </pre>
 * The HTTP side ({@link PublicEndpoint}) queues a submission once it is durable and before it
 * answers 202; these routes do the rest.
 */
public final class PublicRoutes extends RouteBuilder {

    /** Accepted submissions to send on: the body is the tracking id. */
    public static final String FORWARD_QUEUE = "imi.public.forward";

    private final Queues queues;
    private final PublicForwarding forwarding;
    private final long recoveryMillis;

    public PublicRoutes(Queues queues, PublicForwarding forwarding, long recoveryMillis) {
        this.queues = queues;
        this.forwarding = forwarding;
        this.recoveryMillis = recoveryMillis;
    }

    @Override
    public void configure() {
        // Transacted: a forward that cannot be done now throws, the receive rolls back and the
        // broker redelivers (5 deliveries, then imi.dlq); public-recovery queues a dead-lettered
        // one again once it is old enough. One consumer: submissions are few (rate-limited per
        // client), and two copies of one never race. A forward done twice sends once: the submit
        // path knows the MessageId.
        from(queues.consumer(FORWARD_QUEUE, 1, 1)).routeId("public-forward")
                .transacted(queues.transactionPolicy())
                .process(exchange -> forwarding.forward(exchange.getIn().getBody(String.class))).id("forwardSubmission");

        // Nothing to roll back or dead-letter: a pass that fails (Derby or the broker away) is
        // logged and the next one, a period later, does its work.
        from("timer:public-recovery?delay=0&period=" + recoveryMillis).routeId("public-recovery")
                .onException(Exception.class).handled(true)
                    .log(LoggingLevel.WARN, PublicRoutes.class.getName(),
                            "public interface recovery pass failed, tried again in " + recoveryMillis + " ms: "
                                    + "${exception.message}")
                .end()
                .process(exchange -> forwarding.queueUnforwarded()).id("queueUnforwarded");
    }
}
