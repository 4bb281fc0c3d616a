package org.imigateway.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.imigateway.config.ConfigException;
import org.imigateway.config.GatewayConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's side of an external broker, against one Artemis in its own JVM configured from the
 * shipped template: the start-up check, queues made and counted through management messages, and
 * the broker behaviour the routes rely on (duplicate ids, scheduled and delayed redelivery).
 */
class ExternalBrokerTest {

    @TempDir
    static Path dir;

    private static ArtemisProcess artemis;
    private static int port;

    @BeforeAll
    static void startBroker() throws Exception {
        port = ArtemisProcess.freePort();
        artemis = ArtemisProcess.single(dir.resolve("broker"), port, xml -> xml);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (artemis != null) {
            artemis.close();
        }
    }

    private static ExternalBrokerSettings settings() {
        return new ExternalBrokerSettings("tcp://127.0.0.1:" + port, ArtemisProcess.USER, ArtemisProcess.PASSWORD);
    }

    @Test
    void brokerFromTheTemplatePassesTheCheckAndMakesCountsAndMovesQueues() throws Exception {
        try (ExternalBroker broker = ExternalBroker.connect(settings())) {
            assertTrue(broker.isStarted());
            String queue = broker.ensureDeliveryQueue("ext");
            assertEquals(queue, broker.ensureDeliveryQueue("ext"), "a second ensure finds the queue");
            broker.purge(queue);
            JmsClient.send(broker.connectionFactory(), queue, "one");
            assertEquals(1, broker.messageCount(queue));
            assertEquals(1, broker.purge(queue));
            assertEquals(0, broker.messageCount(queue));
            assertThrows(IllegalArgumentException.class, () -> broker.messageCount("imi.no-such-queue"));

            String parking = broker.ensureQueue("imi.test.parking");
            broker.purge(parking);
            try (Connection connection = broker.connectionFactory().createConnection()) {
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer producer = session.createProducer(session.createQueue(queue));
                for (String id : new String[] {"keep@test", "o'move@test"}) {
                    TextMessage message = session.createTextMessage(id);
                    message.setStringProperty(Queues.MESSAGE_ID_PROPERTY, id);
                    producer.send(message);
                }
            }
            assertEquals(1, broker.moveMessages(queue, "o'move@test", parking), "only the message of that MessageId");
            assertEquals(1, broker.messageCount(queue));
            assertEquals(1, broker.messageCount(parking));
            assertEquals(List.of("o'move@test"), JmsClient.drain(broker.connectionFactory(), parking, 500));
            broker.purge(queue);
        }
    }

    @Test
    void sameDuplicateIdIsStoredOnce() throws Exception {
        try (ExternalBroker broker = ExternalBroker.connect(settings())) {
            String queue = broker.ensureQueue("imi.test.dupl");
            broker.purge(queue);
            for (int i = 0; i < 3; i++) {
                JmsClient.send(broker.connectionFactory(), queue, "copy " + i, Optional.of("dupl-1@test"));
            }
            assertEquals(1, broker.messageCount(queue));
        }
    }

    @Test
    void scheduledMessageArrivesNotBeforeItsTimeAndRolledBackOneWaitsTheRedeliveryDelay() throws Exception {
        try (ExternalBroker broker = ExternalBroker.connect(settings());
             Connection connection = broker.connectionFactory().createConnection()) {
            String queue = broker.ensureQueue("imi.test.timing");
            broker.purge(queue);
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(session.createQueue(queue));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            TextMessage scheduled = session.createTextMessage("later");
            long sentAt = System.currentTimeMillis();
            scheduled.setLongProperty("_AMQ_SCHED_DELIVERY", sentAt + 2000);
            producer.send(scheduled);
            session.commit();
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            Message first = consumer.receive(10_000);
            assertNotNull(first, "the scheduled message arrives");
            assertTrue(System.currentTimeMillis() - sentAt >= 1900, "not before its time");
            session.rollback();
            long rolledBackAt = System.currentTimeMillis();
            Message again = consumer.receive(15_000);
            assertNotNull(again, "a rolled-back message is redelivered");
            // imi.# redelivery-delay of the template: 5 s before the first redelivery
            assertTrue(System.currentTimeMillis() - rolledBackAt >= 4000, "after the broker's redelivery delay");
            assertEquals(2, again.getIntProperty("JMSXDeliveryCount"));
            session.commit();
            assertNull(consumer.receive(500));
        }
    }

    @Test
    void unreachableBrokerIsNamedByItsUrl() throws Exception {
        int nobody = ArtemisProcess.freePort();
        ConfigException e = assertThrows(ConfigException.class, () -> ExternalBroker.connect(
                new ExternalBrokerSettings("tcp://127.0.0.1:" + nobody, ArtemisProcess.USER, ArtemisProcess.PASSWORD)));
        assertTrue(e.getMessage().startsWith("broker.url=tcp://127.0.0.1:" + nobody + ": no broker answers there"),
                e.getMessage());
    }

    @Test
    void wrongPasswordIsNamedWithTheUser() {
        ConfigException e = assertThrows(ConfigException.class, () -> ExternalBroker.connect(
                new ExternalBrokerSettings("tcp://127.0.0.1:" + port, ArtemisProcess.USER, "not-the-password")));
        assertTrue(e.getMessage().contains("refused the login of broker.user=imi with broker.password"), e.getMessage());
    }

    @Test
    void brokerWithOtherRedeliveryAndNoDeadLetterQueueIsRefusedWithEachDifference() throws Exception {
        int otherPort = ArtemisProcess.freePort();
        try (ArtemisProcess other = ArtemisProcess.single(dir.resolve("misconfigured"), otherPort, xml -> xml
                .replace("<max-delivery-attempts>5</max-delivery-attempts>", "<max-delivery-attempts>10</max-delivery-attempts>")
                .replace("<address name=\"imi.dlq\"><anycast><queue name=\"imi.dlq\"/></anycast></address>", "")
                .replace("<id-cache-size>25000</id-cache-size>", "<id-cache-size>100</id-cache-size>"))) {
            ConfigException e = assertThrows(ConfigException.class, () -> ExternalBroker.connect(
                    new ExternalBrokerSettings("tcp://127.0.0.1:" + otherPort, ArtemisProcess.USER, ArtemisProcess.PASSWORD)));
            assertTrue(e.getMessage().startsWith("broker.url=tcp://127.0.0.1:" + otherPort
                    + ": the broker is not configured as the gateway needs"), e.getMessage());
            assertTrue(e.getMessage().contains("imi.inbound: max-delivery-attempts is 10, the gateway needs 5"), e.getMessage());
            assertTrue(e.getMessage().contains("there is no queue imi.dlq"), e.getMessage());
            assertTrue(e.getMessage().contains("id-cache-size is 100, the gateway needs at least 25000"), e.getMessage());
        }
    }

    @Test
    void settingsNameTheKeyThatIsMissingOrWrong() throws Exception {
        assertEquals(Optional.empty(), ExternalBrokerSettings.load(home("http.port=0\n")), "no broker.url: embedded");
        assertSettingsRefused("broker.url=tcp://127.0.0.1:61616\nbroker.password=x\n", "broker.user is required");
        assertSettingsRefused("broker.url=tcp://127.0.0.1:61616\nbroker.user=imi\n", "broker.password is required");
        assertSettingsRefused("broker.url=vm://0\nbroker.user=imi\nbroker.password=x\n",
                "broker.url=vm://0 is not a tcp:// URL");
        assertSettingsRefused("broker.user=imi\n", "broker.user is set but broker.url is not");
        ExternalBrokerSettings pair = ExternalBrokerSettings.load(home(
                "broker.url=(tcp://127.0.0.1:61616,tcp://127.0.0.1:61617)?ha=true&reconnectAttempts=-1\n"
                        + "broker.user=imi\nbroker.password=x\n")).orElseThrow();
        assertEquals("imi", pair.user());
        assertTrue(!pair.toString().contains("password=x"), "the password stays out of logs");
    }

    private static void assertSettingsRefused(String properties, String expected) throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> ExternalBrokerSettings.load(home(properties)));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static Path home(String properties) throws Exception {
        Path home = Files.createTempDirectory(dir, "home");
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve(GatewayConfig.FILE), properties);
        return home;
    }
}
