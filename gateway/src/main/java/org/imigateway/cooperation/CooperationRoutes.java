package org.imigateway.cooperation;

import java.time.Clock;
import java.time.LocalDate;

import org.apache.camel.builder.RouteBuilder;

/**
 * The hub's own timers: {@code overdue} raises the overdue event of requests whose answer-by
 * date has passed; {@code retention} blocks and deletes the payloads of closed cases on their
 * procedure's schedule. Received messages reach the hub through the gateway's
 * {@code deliver-default} route, whose backend the hub is.
 */
public final class CooperationRoutes extends RouteBuilder {

    private final CooperationHub hub;
    private final Retention retention;
    private final Clock clock;
    private final long overdueMillis;
    private final long retentionMillis;

    public CooperationRoutes(CooperationHub hub, Retention retention, Clock clock, long overdueMillis,
            long retentionMillis) {
        this.hub = hub;
        this.retention = retention;
        this.clock = clock;
        this.overdueMillis = overdueMillis;
        this.retentionMillis = retentionMillis;
    }

    @Override
    public void configure() {
        from(timer("overdue", overdueMillis)).routeId("overdue")
                .process(exchange -> hub.raiseOverdue(LocalDate.now(clock))).id("raiseOverdue");
        from(timer("retention", retentionMillis)).routeId("retention")
                .process(exchange -> retention.run(clock.instant())).id("applyRetention");
    }

    private static String timer(String name, long periodMillis) {
        return "timer:" + name + "?delay=" + periodMillis + "&period=" + periodMillis;
    }
}
