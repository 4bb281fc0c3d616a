package org.imigateway.cooperation;

import java.time.Clock;

import org.apache.camel.builder.RouteBuilder;

/** {@code retention}: a timer that blocks and deletes the payloads of closed cases on their procedure's schedule. */
public final class RetentionRoutes extends RouteBuilder {

    private final Retention retention;
    private final Clock clock;
    private final long periodMillis;

    public RetentionRoutes(Retention retention, Clock clock, long periodMillis) {
        this.retention = retention;
        this.clock = clock;
        this.periodMillis = periodMillis;
    }

    @Override
    public void configure() {
        from("timer:retention?delay=" + periodMillis + "&period=" + periodMillis).routeId("retention")
                .process(exchange -> retention.run(clock.instant())).id("applyRetention");
    }
}
