package org.imigateway.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jms.JmsConsumer;
import org.apache.camel.impl.DefaultCamelContext;
import org.imigateway.broker.BrokerSettings;
import org.imigateway.broker.CamelJms;
import org.imigateway.broker.EmbeddedBroker;
import org.imigateway.broker.Queues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The symptom of issue 18: a route that says Started while its JMS listener consumes nothing. The
 * supervisor names it as a problem and restarts it, and the waiting message goes through.
 */
class RouteSupervisorTest {

    @TempDir
    Path home;

    private EmbeddedBroker broker;
    private CamelContext camel;

    @AfterEach
    void stop() {
        if (camel != null) {
            camel.stop();
        }
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    @Timeout(60)
    void routeWhoseListenerStoppedBehindItsBackIsNamedAndRestarted() throws Exception {
        broker = EmbeddedBroker.start(BrokerSettings.of("supervised", home.resolve("artemis")));
        camel = new DefaultCamelContext();
        CamelJms.install(camel, broker);
        RouteSupervisor supervisor = RouteSupervisor.install(camel);
        List<String> forwarded = new CopyOnWriteArrayList<>();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(CamelJms.consume(Queues.INBOUND, 1, 1)).routeId("dispatch")
                        .transacted(CamelJms.REQUIRED_POLICY)
                        .process(exchange -> forwarded.add(exchange.getMessage().getBody(String.class)));
            }
        });
        camel.start();
        assertEquals(List.of(), supervisor.problems());

        // As when the listener's consumer thread is lost: Camel still reports the route Started.
        ((JmsConsumer) camel.getRoute("dispatch").getConsumer()).getListenerContainer().stop();
        assertTrue(camel.getRouteController().getRouteStatus("dispatch").isStarted());
        List<String> problems = supervisor.problems();
        assertTrue(problems.size() == 1 && problems.get(0).startsWith("route dispatch: its JMS listener is not running"),
                problems.toString());
        camel.createProducerTemplate().sendBody(CamelJms.produce(Queues.INBOUND), "waiting");

        await(() -> forwarded.contains("waiting"));
        await(() -> supervisor.problems().isEmpty());
        assertEquals(List.of("waiting"), forwarded);
    }

    @Test
    @Timeout(60)
    void stoppedCamelIsAProblem() throws Exception {
        camel = new DefaultCamelContext();
        RouteSupervisor supervisor = RouteSupervisor.install(camel);
        assertTrue(supervisor.problems().get(0).startsWith("the routes are not running"), supervisor.problems().toString());
        camel.start();
        assertEquals(List.of(), supervisor.problems());
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not met within 30 s");
            Thread.sleep(50);
        }
    }
}
