package org.imigateway.connectors.jms;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import org.imigateway.connectors.BackendPort;
import org.imigateway.connectors.Connector;
import org.imigateway.connectors.Delivery;
import org.imigateway.connectors.SubmissionError;
import org.imigateway.connectors.SubmissionException;
import org.imigateway.connectors.fs.DurableFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A backend on four JMS queues (format: {@link JmsMapFormat}):
 * <pre>
 *   in     the backend's submissions
 *   reply  ACCEPTED (with the MessageId) for each accepted submission, later ACKNOWLEDGED
 *   error  each refused submission, whole, with errorCode and errorDetail; later SEND_FAILUREs
 *   out    the messages delivered to the backend
 * </pre>
 * A submission is taken in a local JMS transaction that also sends its answer: a crash before the
 * commit gives the message back to the queue, and its submission id (the {@code submissionId}
 * entry or property, else the JMS message id) makes the second submission send nothing new.
 */
public final class JmsConnector implements Connector {

    private static final Logger LOG = LoggerFactory.getLogger(JmsConnector.class);
    /** Artemis' duplicate-detection property: a repeated hand-off of the same message is stored once. */
    static final String DUPLICATE_ID = "_AMQ_DUPL_ID";
    private static final long RECEIVE_MILLIS = 500;

    private final String backend;
    private final ConnectionFactory factory;
    private final JmsQueues queues;
    private final Path work;
    private final Optional<String[]> credentials;
    private volatile boolean running;
    private Thread consumer;

    /** @param credentials user and password for an external broker; empty for the embedded one */
    public JmsConnector(String backend, ConnectionFactory factory, JmsQueues queues, Path work,
            Optional<String[]> credentials) throws IOException {
        this.backend = backend;
        this.factory = factory;
        this.queues = queues;
        this.work = Files.createDirectories(work);
        this.credentials = credentials;
    }

    @Override
    public synchronized void start(BackendPort port) {
        running = true;
        consumer = new Thread(() -> consume(port), "jms-backend-" + backend);
        consumer.start();
    }

    private Connection connect() throws JMSException {
        return credentials.isPresent() ? factory.createConnection(credentials.get()[0], credentials.get()[1])
                : factory.createConnection();
    }

    private void consume(BackendPort port) {
        while (running) {
            try (Connection connection = connect()) {
                connection.start();
                Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                MessageConsumer in = session.createConsumer(session.createQueue(queues.in()));
                while (running) {
                    Message message = in.receive(RECEIVE_MILLIS);
                    if (message != null) {
                        take(port, session, message);
                    }
                }
            } catch (JMSException | RuntimeException e) {
                LOG.warn("JMS backend {}: reading {} failed, connecting again: {}", backend, queues.in(), e.toString());
                pause();
            }
        }
    }

    private void take(BackendPort port, Session session, Message message) throws JMSException {
        String submissionId = submissionId(message);
        Path folder = null;
        try {
            folder = Files.createTempDirectory(work, "in-");
            if (!(message instanceof MapMessage map)) {
                throw JmsMapFormat.invalid("JMS submission " + submissionId + " is a " + message.getClass().getSimpleName()
                        + "; submissions are MapMessages");
            }
            String messageId = port.submit(JmsMapFormat.submission(map, submissionId, folder));
            MapMessage reply = session.createMapMessage();
            reply.setString("status", "ACCEPTED");
            reply.setString("messageId", messageId);
            reply.setString("submissionId", submissionId);
            identify(reply, messageId, submissionId);
            reply.setJMSCorrelationID(message.getJMSMessageID());
            send(session, queues.reply(), reply);
            session.commit();
            LOG.info("JMS backend {}: submission {} accepted as message {}", backend, submissionId, messageId);
        } catch (SubmissionException e) {
            MapMessage error = session.createMapMessage();
            if (message instanceof MapMessage map) {
                JmsMapFormat.copy(map, error);
            }
            error.setString("errorCode", e.errorCode());
            error.setString("errorDetail", e.getMessage());
            error.setString("submissionId", submissionId);
            identify(error, "", submissionId);
            error.setJMSCorrelationID(message.getJMSMessageID());
            send(session, queues.error(), error);
            session.commit();
            LOG.warn("JMS backend {}: submission {} refused: {} {}", backend, submissionId, e.errorCode(), e.getMessage());
        } catch (IOException | RuntimeException e) {
            // Not the submission's fault (disk, database, broker): give it back and try again.
            session.rollback();
            LOG.warn("JMS backend {}: submission {} not taken, it goes back to {}: {}", backend, submissionId,
                    queues.in(), e.toString());
            pause();
        } finally {
            deleteQuietly(folder);
        }
    }

    private static String submissionId(Message message) throws JMSException {
        if (message instanceof MapMessage map && map.itemExists("submissionId") && map.getString("submissionId") != null
                && !map.getString("submissionId").isBlank()) {
            return map.getString("submissionId").trim();
        }
        String property = message.getStringProperty("submissionId");
        return property != null && !property.isBlank() ? property.trim() : message.getJMSMessageID();
    }

    /** JMS properties a backend can select on. */
    private static void identify(Message message, String messageId, String submissionId) throws JMSException {
        if (!messageId.isEmpty()) {
            message.setStringProperty("messageId", messageId);
        }
        message.setStringProperty("submissionId", submissionId);
    }

    private static void send(Session session, String queue, Message message) throws JMSException {
        MessageProducer producer = session.createProducer(session.createQueue(queue));
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        producer.send(message);
        producer.close();
    }

    /** A persistent, non-transacted send: it returns once the broker has the message durably. */
    private void sendOnce(String queue, String duplicateId, MessageWriter writer) throws Exception {
        try (Connection connection = connect()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MapMessage message = session.createMapMessage();
            writer.write(message);
            message.setStringProperty(DUPLICATE_ID, duplicateId);
            MessageProducer producer = session.createProducer(session.createQueue(queue));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            producer.send(message);
        }
    }

    @FunctionalInterface
    private interface MessageWriter {
        void write(MapMessage message) throws Exception;
    }

    @Override
    public void deliver(Delivery delivery) throws Exception {
        sendOnce(queues.out(), "deliver:" + delivery.messageId(), message -> {
            JmsMapFormat.delivery(delivery, message);
            identify(message, delivery.messageId(), "");
        });
    }

    @Override
    public void sendSuccess(String messageId, Optional<String> submissionId) throws Exception {
        sendOnce(queues.reply(), "outcome:" + messageId, message -> {
            message.setString("status", "ACKNOWLEDGED");
            message.setString("messageId", messageId);
            if (submissionId.isPresent()) {
                message.setString("submissionId", submissionId.get());
            }
            identify(message, messageId, submissionId.orElse(""));
        });
    }

    @Override
    public void sendFailure(SubmissionError error) throws Exception {
        String messageId = error.messageId().orElse("");
        // a resend that fails again is a new outcome: its time tells it from the first failure, so the
        // broker's duplicate detection drops only a repeat of the same one (after a crash)
        sendOnce(queues.error(), "outcome:" + messageId + ":failed:" + error.time().toEpochMilli(), message -> {
            message.setString("status", "SEND_FAILURE");
            message.setString("messageId", messageId);
            message.setString("errorCode", error.errorCode());
            message.setString("errorDetail", error.detail());
            if (error.submissionId().isPresent()) {
                message.setString("submissionId", error.submissionId().get());
            }
            identify(message, messageId, error.submissionId().orElse(""));
        });
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static void deleteQuietly(Path folder) {
        try {
            if (folder != null) {
                DurableFiles.deleteTree(folder);
            }
        } catch (IOException e) {
            LOG.debug("work folder {} not removed: {}", folder, e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        if (consumer != null) {
            try {
                consumer.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            consumer = null;
        }
    }
}
