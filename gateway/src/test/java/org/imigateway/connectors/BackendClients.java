package org.imigateway.connectors;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import org.imigateway.demo.DemoNetwork;
import org.imigateway.connectors.fs.FolderConnector;

/** What a backend does with its connector, written as a backend would: plain files and plain JMS. */
final class BackendClients {

    private BackendClients() {
    }

    /** Writes a submission folder, payloads and metadata first, the READY marker last. */
    static Path drop(Path outbox, String id, String metadata, Map<String, byte[]> files) throws IOException {
        Path folder = Files.createDirectories(outbox.resolve(id));
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Files.write(folder.resolve(file.getKey()), file.getValue());
        }
        Files.writeString(folder.resolve("metadata.xml"), metadata, StandardCharsets.UTF_8);
        Files.createFile(folder.resolve(FolderConnector.READY));
        return folder;
    }

    static String metadata(String toParty, String action, String finalRecipient, String payloadFile) {
        return """
                <submission xmlns="urn:imigateway:connectors:1.0">
                  <toParty>%s</toParty>
                  <service type="%s">%s</service>
                  <action>%s</action>
                  <property name="finalRecipient" type="urn:imi:authority">%s</property>
                  <payload file="%s" mimeType="application/octet-stream">
                    <property name="DocumentType">Scan</property>
                  </payload>
                </submission>
                """.formatted(toParty, DemoNetwork.SERVICE_TYPE, DemoNetwork.SERVICE, action, finalRecipient, payloadFile);
    }

    static Path awaitFile(Path file, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(file + " did not appear within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
        return file;
    }

    interface MapWriter {
        void write(MapMessage message) throws JMSException;
    }

    /** A persistent send of one MapMessage, as a backend's JMS client makes it. */
    static void send(ConnectionFactory factory, String queue, MapWriter writer) throws JMSException {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MapMessage message = session.createMapMessage();
            writer.write(message);
            MessageProducer producer = session.createProducer(session.createQueue(queue));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            producer.send(message);
        }
    }

    /** Receives one message matching the selector, or fails after the timeout. */
    static MapMessage receive(ConnectionFactory factory, String queue, String selector, Duration timeout)
            throws JMSException {
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue), selector);
            Message message = consumer.receive(timeout.toMillis());
            if (message == null) {
                throw new AssertionError("nothing on " + queue + " matching " + selector + " within "
                        + timeout.toSeconds() + " s");
            }
            return (MapMessage) message;
        }
    }

    /** Counts messages matching the selector without taking them. */
    static int count(ConnectionFactory factory, String queue, String selector) throws JMSException {
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            var browser = session.createBrowser(session.createQueue(queue), selector);
            return java.util.Collections.list(browser.getEnumeration()).size();
        }
    }
}
