package org.imigateway.broker;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

/** Plain JMS sends and receives for the tests, each on a connection of its own. */
final class JmsClient {

    private JmsClient() {
    }

    /** Persistent, non-transacted send; returns once the broker has the message on disk. */
    static void send(ConnectionFactory factory, String queue, String text, Optional<String> duplicateId)
            throws JMSException {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(queue));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            TextMessage message = session.createTextMessage(text);
            if (duplicateId.isPresent()) {
                message.setStringProperty(Queues.DUPLICATE_ID_PROPERTY, duplicateId.get());
            }
            producer.send(message);
        }
    }

    static void send(ConnectionFactory factory, String queue, String text) throws JMSException {
        send(factory, queue, text, Optional.empty());
    }

    /** Persistent, non-transacted sends of each text, in order, on one connection. */
    static void sendAll(ConnectionFactory factory, String queue, List<String> texts) throws JMSException {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(queue));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (String text : texts) {
                producer.send(session.createTextMessage(text));
            }
        }
    }

    /** Receives and acknowledges (text, or the class name of other messages) until the queue stays empty for {@code quietMillis}. */
    static List<String> drain(ConnectionFactory factory, String queue, long quietMillis) throws JMSException {
        List<String> texts = new ArrayList<>();
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            Message message;
            while ((message = consumer.receive(quietMillis)) != null) {
                texts.add(message instanceof TextMessage text ? text.getText() : message.getClass().getSimpleName());
            }
        }
        return texts;
    }
}
