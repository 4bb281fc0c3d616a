package org.imigateway.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jms.JmsMessage;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jms.connection.JmsResourceHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

class CamelJmsTest {

    private static final RedeliverySettings THREE_ATTEMPTS =
            new RedeliverySettings(3, Duration.ofMillis(100), 2.0, Duration.ofSeconds(1));

    @TempDir
    Path home;

    private EmbeddedBroker broker;
    private CamelContext camel;

    private void start(RouteBuilder routes) throws Exception {
        broker = EmbeddedBroker.start(BrokerSettings.of("camel", home.resolve("data/artemis"))
                .withRedelivery(THREE_ATTEMPTS));
        camel = new DefaultCamelContext();
        CamelJms.install(camel, broker);
        camel.addRoutes(routes);
        camel.start();
    }

    @AfterEach
    void stop() {
        // Camel first: its consumers would otherwise try to reconnect to a stopped broker.
        if (camel != null) {
            camel.stop();
        }
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void failingMessageIsRedeliveredThenDeadLetteredWhileOthersPass() throws Exception {
        Map<String, List<Long>> attempts = new ConcurrentHashMap<>();
        start(forwardThen(2, exchange -> {
            String body = exchange.getMessage().getBody(String.class);
            attempts.computeIfAbsent(body, b -> new CopyOnWriteArrayList<>()).add(System.nanoTime());
            if (body.equals("poison")) {
                throw new IllegalStateException("cannot dispatch " + body);
            }
        }));
        List<String> sent = List.of("m0", "m1", "m2", "m3", "poison", "m5", "m6", "m7", "m8", "m9");
        JmsClient.sendAll(broker.connectionFactory(), Queues.INBOUND, sent);

        awaitTrue(() -> broker.messageCount(Queues.DEAD_LETTER) == 1 && broker.messageCount(Queues.OUTBOUND) == 9);
        Thread.sleep(500); // a fourth attempt would come within 400 ms
        camel.stop();

        List<Long> poison = attempts.get("poison");
        assertEquals(3, poison.size(), "deliveries of the failing message");
        assertTrue(millisBetween(poison, 0) >= 90, "first redelivery after ~100 ms: " + millisBetween(poison, 0));
        assertTrue(millisBetween(poison, 1) >= 180, "second redelivery after ~200 ms: " + millisBetween(poison, 1));
        List<String> forwarded = JmsClient.drain(broker.connectionFactory(), Queues.OUTBOUND, 300);
        assertEquals(sent.stream().filter(s -> !s.equals("poison")).sorted().toList(),
                forwarded.stream().sorted().toList(), "the failed attempts' sends were rolled back");
        assertEquals(0, broker.messageCount(Queues.INBOUND));

        try (Connection connection = broker.connectionFactory().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Message dead = session.createConsumer(session.createQueue(Queues.DEAD_LETTER)).receive(2000);
            assertEquals("poison", ((TextMessage) dead).getText());
            assertEquals(Queues.INBOUND, dead.getStringProperty("_AMQ_ORIG_QUEUE"));
        }
    }

    @Test
    void messageRolledBackOnceIsForwardedExactlyOnce() throws Exception {
        Map<String, Integer> attempts = new ConcurrentHashMap<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from(CamelJms.consume(Queues.INBOUND, 1, 1)).routeId("dispatch")
                        .transacted()
                        .setHeader(Queues.DUPLICATE_ID_PROPERTY, constant("msg-42@gw-a"))
                        .to(CamelJms.produce(Queues.OUTBOUND))
                        .process(exchange -> {
                            String body = exchange.getMessage().getBody(String.class);
                            if (attempts.merge(body, 1, Integer::sum) == 1) {
                                throw new IllegalStateException("transient failure for " + body);
                            }
                        });
            }
        });
        // The route sends with a duplicate id: the rolled-back attempt must not leave that id behind in
        // outbound's duplicate cache, or the successful attempt would be refused.
        JmsClient.send(broker.connectionFactory(), Queues.INBOUND, "request");

        awaitTrue(() -> broker.messageCount(Queues.OUTBOUND) == 1 && broker.messageCount(Queues.INBOUND) == 0);
        camel.stop();
        assertEquals(2, attempts.get("request"));
        assertEquals(List.of("request"), JmsClient.drain(broker.connectionFactory(), Queues.OUTBOUND, 300));
        assertEquals(0, broker.messageCount(Queues.DEAD_LETTER));
    }

    /**
     * What an Error does without any supervision: Camel wraps it in a CamelExecutionException, the
     * transaction rolls back like for any exception, and the same listener takes the redelivery and the
     * next message. The consumer survives an Error thrown inside a route; what RouteSupervisor adds is the
     * restart of a consumer the Error may have left half-done, and of one lost outside the route.
     */
    @Test
    void errorInTransactedRouteRollsBackAndTheConsumerLivesOn() throws Exception {
        Map<String, Integer> attempts = new ConcurrentHashMap<>();
        start(forwardThen(1, exchange -> {
            String body = exchange.getMessage().getBody(String.class);
            if (attempts.merge(body, 1, Integer::sum) == 1 && body.equals("first")) {
                throw new StackOverflowError("thrown by the test in " + body);
            }
        }));
        JmsClient.sendAll(broker.connectionFactory(), Queues.INBOUND, List.of("first", "second"));

        awaitTrue(() -> broker.messageCount(Queues.OUTBOUND) == 2 && broker.messageCount(Queues.INBOUND) == 0);
        assertTrue(camel.getRouteController().getRouteStatus("dispatch").isStarted());
        camel.stop();
        assertEquals(2, attempts.get("first"), "rolled back once, then redelivered");
        assertEquals(List.of("first", "second"), JmsClient.drain(broker.connectionFactory(), Queues.OUTBOUND, 300).stream()
                .sorted().toList(), "the failed attempt's send was rolled back");
        assertEquals(0, broker.messageCount(Queues.DEAD_LETTER));
    }

    @Test
    void routeReceivesAndSendsOnTheSessionOfOneTransaction() throws Exception {
        List<Boolean> shared = new CopyOnWriteArrayList<>();
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from(CamelJms.consume(Queues.INBOUND, 1, 1)).routeId("dispatch")
                        .transacted()
                        .process(exchange -> {
                            Session listenerSession = exchange.getIn(JmsMessage.class).getJmsSession();
                            // the session the transaction manager bound to this thread, which sends will use
                            boolean same = TransactionSynchronizationManager.getResourceMap().values().stream()
                                    .filter(JmsResourceHolder.class::isInstance).map(JmsResourceHolder.class::cast)
                                    .anyMatch(holder -> holder.containsSession(listenerSession));
                            shared.add(same);
                        })
                        .to(CamelJms.produce(Queues.OUTBOUND));
            }
        });
        JmsClient.send(broker.connectionFactory(), Queues.INBOUND, "one");
        awaitTrue(() -> broker.messageCount(Queues.OUTBOUND) == 1);
        assertEquals(List.of(true), shared, "receive and sends commit together only on one session");
    }

    @Test
    void brokerStopInsideRouteTransactionKeepsMessageOnInboundAndNothingOnOutbound() throws Exception {
        CountDownLatch sentToOutbound = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from(CamelJms.consume(Queues.INBOUND, 1, 1)).routeId("dispatch")
                        .transacted()
                        .to(CamelJms.produce(Queues.OUTBOUND))
                        .process(exchange -> {
                            sentToOutbound.countDown();
                            release.await(10, TimeUnit.SECONDS);
                        });
            }
        });
        JmsClient.send(broker.connectionFactory(), Queues.INBOUND, "in flight");
        assertTrue(sentToOutbound.await(10, TimeUnit.SECONDS));

        broker.stop(); // the transaction is neither committed nor rolled back, as in a crash
        release.countDown();
        camel.stop();
        broker = EmbeddedBroker.start(broker.settings());
        assertEquals(0, broker.messageCount(Queues.OUTBOUND), "the send is undone with the transaction");
        assertEquals(List.of("in flight"), JmsClient.drain(broker.connectionFactory(), Queues.INBOUND, 300));
    }

    @Test
    void consumedDuplicateIdIsNotInheritedSoRequeueOnTheSameQueueIsNotRefused() throws Exception {
        start(new RouteBuilder() {
            @Override
            public void configure() {
                broker.ensureDeliveryQueue("be");
                // "not yet, try later": the message goes back on the queue it came from, once
                from(CamelJms.consume(Queues.OUTBOUND, 1, 1)).routeId("send")
                        .transacted()
                        .choice()
                            .when(header("requeued").isNull())
                                .setHeader("requeued", constant(true))
                                .to(CamelJms.produce(Queues.OUTBOUND))
                            .otherwise()
                                .to(CamelJms.produce(Queues.delivery("be")));
            }
        });
        // enqueued with its MessageId as duplicate id, which is now in outbound's duplicate cache
        JmsClient.send(broker.connectionFactory(), Queues.OUTBOUND, "request", Optional.of("msg-5@gw-a"));

        awaitTrue(() -> broker.messageCount(Queues.delivery("be")) == 1
                || broker.messageCount(Queues.DEAD_LETTER) == 1);
        camel.stop();
        assertEquals(0, broker.messageCount(Queues.DEAD_LETTER), "the requeue was refused as a duplicate");
        assertEquals(List.of("request"), JmsClient.drain(broker.connectionFactory(), Queues.delivery("be"), 300));
    }

    @Test
    void producerTemplateSendOfRepeatedMessageIdIsRefusedAndStoredOnce() throws Exception {
        start(new RouteBuilder() {
            @Override
            public void configure() {
                // no routes: the HTTP receiver enqueues through a ProducerTemplate, outside any route
            }
        });
        ProducerTemplate producer = camel.createProducerTemplate();
        producer.sendBodyAndHeader(CamelJms.produce(Queues.INBOUND), "submission", Queues.DUPLICATE_ID_PROPERTY, "msg-7@gw-b");
        // The send returned after the commit was synced to the journal; the queue's count may lag a moment.
        awaitTrue(() -> broker.messageCount(Queues.INBOUND) == 1);

        CamelExecutionException repeat = assertThrows(CamelExecutionException.class, () -> producer.sendBodyAndHeader(
                CamelJms.produce(Queues.INBOUND), "repeat", Queues.DUPLICATE_ID_PROPERTY, "msg-7@gw-b"));
        assertTrue(Queues.isDuplicateRejection(repeat), "recognisable as a duplicate: " + repeat);
        assertFalse(Queues.isDuplicateRejection(new IllegalStateException("other", new RuntimeException())));

        producer.sendBodyAndHeader(CamelJms.produce(Queues.INBOUND), "another", Queues.DUPLICATE_ID_PROPERTY, "msg-8@gw-b");
        camel.stop();
        assertEquals(List.of("submission", "another"), JmsClient.drain(broker.connectionFactory(), Queues.INBOUND, 300));
    }

    @Test
    void duplicateIdSetInsideTransactedRouteDeadLettersTheRepeatInsteadOfDroppingIt() throws Exception {
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from(CamelJms.consume(Queues.INBOUND, 1, 1)).routeId("dispatch")
                        .transacted()
                        .setHeader(Queues.DUPLICATE_ID_PROPERTY, header("ebmsMessageId"))
                        .to(CamelJms.produce(Queues.OUTBOUND));
            }
        });
        ProducerTemplate producer = camel.createProducerTemplate();
        producer.sendBodyAndHeader(CamelJms.produce(Queues.INBOUND), "first", "ebmsMessageId", "msg-9@gw-c");
        producer.sendBodyAndHeader(CamelJms.produce(Queues.INBOUND), "repeat", "ebmsMessageId", "msg-9@gw-c");

        awaitTrue(() -> broker.messageCount(Queues.DEAD_LETTER) == 1 && broker.messageCount(Queues.INBOUND) == 0);
        camel.stop();
        assertEquals(List.of("first"), JmsClient.drain(broker.connectionFactory(), Queues.OUTBOUND, 300));
        assertEquals(List.of("repeat"), JmsClient.drain(broker.connectionFactory(), Queues.DEAD_LETTER, 300));
    }

    /** dispatch: inbound to outbound in one transaction, then {@code check}, which may fail it. */
    private static RouteBuilder forwardThen(int maxConsumers, org.apache.camel.Processor check) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(CamelJms.consume(Queues.INBOUND, 1, maxConsumers)).routeId("dispatch")
                        .transacted()
                        .to(CamelJms.produce(Queues.OUTBOUND))
                        .process(check);
            }
        };
    }

    private static long millisBetween(List<Long> nanos, int index) {
        return (nanos.get(index + 1) - nanos.get(index)) / 1_000_000;
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(20);
        }
    }
}
