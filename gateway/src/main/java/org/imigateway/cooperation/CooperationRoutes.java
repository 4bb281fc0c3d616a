package org.imigateway.cooperation;

import java.time.Clock;
import java.time.LocalDate;

import org.apache.camel.builder.RouteBuilder;
import org.imigateway.port.Queues;

/**
 * The hub's own routes: {@code hub-fanout} signs and sends the copies of a decision with many
 * recipients from the durable queue {@value #FANOUT_QUEUE}, several at a time; the timers
 * {@code overdue} (the overdue event of requests whose answer-by date has passed) and
 * {@code retention} (blocks and deletes the payloads of closed cases on their procedure's
 * schedule). Received messages reach the hub through the gateway's {@code deliver-default}
 * route, whose backend the hub is.
 */
public final class CooperationRoutes extends RouteBuilder {

    public static final String FANOUT_QUEUE = "imi.hub.fanout";
    /** JMS properties of a copy on the fan-out queue; its body is the decision line. */
    public static final String CAUSE = "imiCause";
    public static final String CONVERSATION_ID = "imiConversationId";
    /** Copies of one decision signed and sent at the same time. */
    private static final int SUBMITTERS = 4;

    private final Queues queues;
    private final CooperationHub hub;
    private final Retention retention;
    private final Clock clock;
    private final long overdueMillis;
    private final long retentionMillis;

    /** @param queues the access point's broker, whose {@value #FANOUT_QUEUE} the fan-out route reads */
    public CooperationRoutes(Queues queues, CooperationHub hub, Retention retention, Clock clock, long overdueMillis,
            long retentionMillis) {
        this.queues = queues;
        this.hub = hub;
        this.retention = retention;
        this.clock = clock;
        this.overdueMillis = overdueMillis;
        this.retentionMillis = retentionMillis;
    }

    @Override
    public void configure() {
        // Transacted like the gateway's routes: a failed submit rolls back, the broker redelivers
        // and, after the last attempt, dead-letters the copy; a submit is idempotent by MessageId.
        from(queues.consumer(FANOUT_QUEUE, 1, SUBMITTERS)).routeId("hub-fanout")
                .transacted(queues.transactionPolicy())
                .process(exchange -> hub.submitCopy(exchange.getIn().getHeader(CAUSE, String.class),
                        exchange.getIn().getHeader(CONVERSATION_ID, String.class),
                        exchange.getIn().getBody(String.class))).id("submitCopy");
        from(timer("overdue", overdueMillis)).routeId("overdue")
                .process(exchange -> hub.raiseOverdue(LocalDate.now(clock))).id("raiseOverdue");
        from(timer("retention", retentionMillis)).routeId("retention")
                .process(exchange -> retention.run(clock.instant())).id("applyRetention");
    }

    private static String timer(String name, long periodMillis) {
        return "timer:" + name + "?delay=" + periodMillis + "&period=" + periodMillis;
    }
}
