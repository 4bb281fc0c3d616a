package org.imigateway.cooperation;

import java.time.Clock;
import java.time.LocalDate;

import org.apache.camel.builder.RouteBuilder;

/**
 * The hub's own route: {@code overdue}, a timer that raises the overdue event of requests whose
 * answer-by date has passed. Received messages reach the hub through the gateway's
 * {@code deliver-default} route, whose backend the hub is.
 */
public final class CooperationRoutes extends RouteBuilder {

    private final CooperationHub hub;
    private final Clock clock;
    private final long periodMillis;

    public CooperationRoutes(CooperationHub hub, Clock clock, long periodMillis) {
        this.hub = hub;
        this.clock = clock;
        this.periodMillis = periodMillis;
    }

    @Override
    public void configure() {
        from("timer:overdue?delay=" + periodMillis + "&period=" + periodMillis).routeId("overdue")
                .process(exchange -> hub.raiseOverdue(LocalDate.now(clock))).id("raiseOverdue");
    }
}
