package org.imigateway.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.imigateway.testsupport.FreePort;

class EmbeddedBrokerTest {

    @TempDir
    Path home;

    private BrokerSettings settings(String name) {
        return BrokerSettings.of(name, home.resolve("data/artemis"))
                .withRedelivery(new RedeliverySettings(3, Duration.ZERO, 1.0, Duration.ZERO));
    }

    @Test
    void persistentMessagesSurviveRestartAndAreEachConsumedOnce() throws Exception {
        int count = 500;
        try (EmbeddedBroker broker = EmbeddedBroker.start(settings("restart"))) {
            JmsClient.sendAll(broker.connectionFactory(), Queues.INBOUND,
                    IntStream.range(0, count).mapToObj(i -> "m" + i).toList());
            assertEquals(count, broker.messageCount(Queues.INBOUND));
        }
        List<String> received;
        try (EmbeddedBroker broker = EmbeddedBroker.start(settings("restart"))) {
            assertEquals(count, broker.messageCount(Queues.INBOUND));
            received = JmsClient.drain(broker.connectionFactory(), Queues.INBOUND, 500);
        }
        Set<String> expected = IntStream.range(0, count).mapToObj(i -> "m" + i).collect(Collectors.toSet());
        assertEquals(count, received.size(), "each message received once");
        assertEquals(expected, new TreeSet<>(received));
        try (EmbeddedBroker broker = EmbeddedBroker.start(settings("restart"))) {
            assertEquals(0, broker.messageCount(Queues.INBOUND), "acknowledged messages stay consumed");
        }
        assertTrue(Files.isDirectory(home.resolve("data/artemis/journal")));
        assertTrue(Files.isDirectory(home.resolve("data/artemis/bindings")));
    }

    @Test
    void sameDuplicateIdSentFiveTimesIsStoredOnceAlsoAcrossRestart() throws Exception {
        String messageId = "c2a1f0e4-77b2-4b8f-9d1e-3f3c0d1e2b44@gw-a.example";
        try (EmbeddedBroker broker = EmbeddedBroker.start(settings("dupl"))) {
            for (int i = 1; i <= 3; i++) {
                JmsClient.send(broker.connectionFactory(), Queues.INBOUND, "copy " + i, Optional.of(messageId));
            }
            assertEquals(1, broker.messageCount(Queues.INBOUND));
        }
        try (EmbeddedBroker broker = EmbeddedBroker.start(settings("dupl"))) {
            for (int i = 4; i <= 5; i++) {
                JmsClient.send(broker.connectionFactory(), Queues.INBOUND, "copy " + i, Optional.of(messageId));
            }
            JmsClient.send(broker.connectionFactory(), Queues.INBOUND, "other", Optional.of(messageId + "-2"));
            assertEquals(List.of("copy 1", "other"), JmsClient.drain(broker.connectionFactory(), Queues.INBOUND, 300));
        }
    }

    @Test
    void duplicateSentInTransactionRollsBackTheWholeTransaction() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(settings("dupl-tx"));
             Connection connection = broker.connectionFactory().createConnection()) {
            JmsClient.send(broker.connectionFactory(), Queues.OUTBOUND, "first", Optional.of("id-1"));
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(null);
            producer.send(session.createQueue(Queues.INBOUND), session.createTextMessage("unrelated"));
            TextMessage duplicate = session.createTextMessage("again");
            duplicate.setStringProperty(Queues.DUPLICATE_ID_PROPERTY, "id-1");
            producer.send(session.createQueue(Queues.OUTBOUND), duplicate);

            JMSException refused = assertThrows(JMSException.class, session::commit);
            assertTrue(refused.getMessage().startsWith("Duplicate message detected"), refused.getMessage());
            assertEquals(0, broker.messageCount(Queues.INBOUND), "the other send of the transaction is undone too");
            assertEquals(1, broker.messageCount(Queues.OUTBOUND));
        }
    }

    @Test
    void messageConsumedInRolledBackTransactionIsNotLost() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(settings("rollback"))) {
            JmsClient.send(broker.connectionFactory(), Queues.OUTBOUND, "precious");
            try (Connection connection = broker.connectionFactory().createConnection()) {
                connection.start();
                Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                MessageConsumer consumer = session.createConsumer(session.createQueue(Queues.OUTBOUND));
                Message first = consumer.receive(2000);
                assertNotNull(first);
                session.rollback();
                Message again = consumer.receive(2000);
                assertNotNull(again, "redelivered after rollback");
                assertEquals("precious", ((TextMessage) again).getText());
                assertTrue(again.getJMSRedelivered());
                assertEquals(2, again.getIntProperty("JMSXDeliveryCount"));
                // Neither committed nor rolled back: the broker stops as in a crash of the consumer.
            }
            assertEquals(1, broker.messageCount(Queues.OUTBOUND));
        }
        try (EmbeddedBroker broker = EmbeddedBroker.start(settings("rollback"))) {
            assertEquals(List.of("precious"), JmsClient.drain(broker.connectionFactory(), Queues.OUTBOUND, 300));
        }
    }

    @Test
    void messageWithTimeToLiveNeverExpires() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(settings("ttl"));
             Connection connection = broker.connectionFactory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(Queues.INBOUND));
            producer.setTimeToLive(50);
            producer.send(session.createTextMessage("slow day"));
            Thread.sleep(300);
            assertEquals(List.of("slow day"), JmsClient.drain(broker.connectionFactory(), Queues.INBOUND, 300));
            assertEquals(0, broker.messageCount(Queues.DEAD_LETTER));
        }
    }

    @Test
    void deadLetterQueueKeepsMessageHoweverOftenItsConsumerRollsBack() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(settings("dlq"));
             Connection connection = broker.connectionFactory().createConnection()) {
            JmsClient.send(broker.connectionFactory(), Queues.DEAD_LETTER, "evidence");
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = session.createConsumer(session.createQueue(Queues.DEAD_LETTER));
            for (int attempt = 1; attempt <= 5; attempt++) { // more than the 3 attempts of the imi.* queues
                assertNotNull(consumer.receive(2000), "attempt " + attempt);
                session.rollback();
            }
            assertEquals(1, broker.messageCount(Queues.DEAD_LETTER));
        }
    }

    @Test
    void inboundQueueMBeanIsOnPlatformMBeanServer() throws Exception {
        MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
        ObjectName name;
        try (EmbeddedBroker broker = EmbeddedBroker.start(settings("jmx-gw"))) {
            JmsClient.send(broker.connectionFactory(), Queues.INBOUND, "one");
            name = new ObjectName("org.apache.activemq.artemis:broker=\"jmx-gw\",component=addresses,"
                    + "address=\"imi.inbound\",subcomponent=queues,routing-type=\"anycast\",queue=\"imi.inbound\"");
            assertEquals(name, broker.queueObjectName(Queues.INBOUND));
            assertTrue(mbeans.isRegistered(name), "registered: " + name);
            assertTrue(mbeans.isRegistered(new ObjectName("org.apache.activemq.artemis:broker=\"jmx-gw\"")));
            assertTrue(mbeans.isRegistered(new ObjectName(
                    "org.apache.activemq.artemis:broker=\"jmx-gw\",component=addresses,address=\"imi.inbound\"")));
            assertEquals(1L, mbeans.getAttribute(name, "MessageCount"));
            ObjectName anyImiQueue = new ObjectName("org.apache.activemq.artemis:broker=\"jmx-gw\","
                    + "component=addresses,address=*,subcomponent=queues,routing-type=\"anycast\",queue=*");
            Set<String> queues = mbeans.queryNames(anyImiQueue, null).stream()
                    .map(n -> ObjectName.unquote(n.getKeyProperty("queue"))).collect(Collectors.toSet());
            assertTrue(queues.containsAll(Set.of(Queues.INBOUND, Queues.OUTBOUND, Queues.DEAD_LETTER)), queues.toString());
        }
        assertFalse(mbeans.isRegistered(name), "unregistered on stop");
    }

    @Test
    void deliveryQueueIsCreatedOnceAndKeptAcrossRestart() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(settings("delivery"))) {
            assertEquals("imi.delivery.authority-de_1", broker.ensureDeliveryQueue("authority-de_1"));
            assertEquals("imi.delivery.authority-de_1", broker.ensureDeliveryQueue("authority-de_1"));
            JmsClient.send(broker.connectionFactory(), "imi.delivery.authority-de_1", "for DE");
        }
        try (EmbeddedBroker broker = EmbeddedBroker.start(settings("delivery"))) {
            assertTrue(broker.hasQueue("imi.delivery.authority-de_1"));
            assertEquals(1, broker.messageCount("imi.delivery.authority-de_1"));
        }
    }

    @Test
    void backendNameThatArtemisWouldReadAsWildcardIsRejected() {
        for (String bad : List.of("de.aek", "a#", "*", "x::y", "", "ü")) {
            assertThrows(IllegalArgumentException.class, () -> Queues.delivery(bad), bad);
        }
    }

    @Test
    void sendToQueueThatWasNeverCreatedFails() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(settings("strict"))) {
            assertThrows(JMSException.class,
                    () -> JmsClient.send(broker.connectionFactory(), "imi.delivery.typo", "lost?"));
            assertFalse(broker.hasQueue("imi.delivery.typo"));
            assertThrows(IllegalArgumentException.class, () -> broker.messageCount("imi.delivery.typo"));
        }
    }

    @Test
    void twoBrokersInOneJvmKeepTheirMessagesApart() throws Exception {
        try (EmbeddedBroker a = EmbeddedBroker.start(BrokerSettings.of("gw-a", home.resolve("a")));
             EmbeddedBroker b = EmbeddedBroker.start(BrokerSettings.of("gw-b", home.resolve("b")))) {
            JmsClient.send(a.connectionFactory(), Queues.INBOUND, "to a");
            assertEquals(1, a.messageCount(Queues.INBOUND));
            assertEquals(0, b.messageCount(Queues.INBOUND));
        }
    }

    @Test
    void secondBrokerOnSameFolderFailsAtOnceAndMayStartAfterTheFirstStops() throws Exception {
        try (EmbeddedBroker first = EmbeddedBroker.start(settings("first"))) {
            long start = System.nanoTime();
            BrokerException refused = assertThrows(BrokerException.class, () -> EmbeddedBroker.start(settings("second")));
            assertTrue(refused.getMessage().contains("in use"), refused.getMessage());
            assertTrue(System.nanoTime() - start < 5_000_000_000L, "failed fast rather than waiting for the lock");
            assertTrue(first.isStarted());
        }
        try (EmbeddedBroker second = EmbeddedBroker.start(settings("second"))) {
            assertTrue(second.isStarted());
        }
    }

    @Test
    void optionalTcpAcceptorListensOnLoopbackOnly() throws Exception {
        int port = FreePort.onLoopback();
        try (EmbeddedBroker broker = EmbeddedBroker.start(settings("tcp").withTcpPort(port))) {
            var remote = new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory("tcp://127.0.0.1:" + port);
            try (remote) {
                JmsClient.send(remote, Queues.INBOUND, "over tcp");
            }
            assertEquals(1, broker.messageCount(Queues.INBOUND));
        }
    }

    @Test
    void persistentSendRateIsMeasured() throws Exception {
        int perThread = 250;
        try (EmbeddedBroker broker = EmbeddedBroker.start(settings("rate"))) {
            for (int threads : new int[] {1, 4}) {
                long start = System.nanoTime();
                List<Thread> senders = IntStream.range(0, threads).mapToObj(t -> new Thread(() -> sendMany(broker, perThread)))
                        .toList();
                senders.forEach(Thread::start);
                for (Thread sender : senders) {
                    sender.join();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("journal %s, %d producer(s): %.0f persistent messages/s (sync on)%n",
                        broker.journalType(), threads, threads * perThread / seconds);
                assertEquals(threads * perThread, broker.messageCount(Queues.INBOUND));
                JmsClient.drain(broker.connectionFactory(), Queues.INBOUND, 200);
            }
        }
    }

    private static void sendMany(EmbeddedBroker broker, int count) {
        try (Connection connection = broker.connectionFactory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(Queues.INBOUND));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            byte[] body = new byte[2048];
            for (int i = 0; i < count; i++) {
                var message = session.createBytesMessage();
                message.writeBytes(body);
                producer.send(message);
            }
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
