package org.imigateway.broker;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.management.ObjectName;

import jakarta.jms.ConnectionFactory;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.management.ObjectNameBuilder;
import org.apache.activemq.artemis.api.core.management.QueueControl;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.io.aio.AIOSequentialFileFactory;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's embedded ActiveMQ Artemis broker: a persistent journal under one folder, durable
 * anycast queues for each stage of the pipeline, broker-side redelivery with a dead-letter queue,
 * duplicate detection on {@link Queues#DUPLICATE_ID_PROPERTY} and JMX on the platform MBean server.
 *
 * <p>Clients inside the gateway connect in-VM through {@link #connectionFactory()}. Security is off:
 * an in-VM acceptor is reachable only from code in this JVM, and the optional TCP acceptor binds to
 * loopback only.
 */
public final class EmbeddedBroker implements Broker {

    /** JMX domain of every broker MBean. */
    public static final String JMX_DOMAIN = "org.apache.activemq.artemis";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    // Each in-VM acceptor needs an id that no other broker in this JVM uses (the demo runs three gateways).
    private static final AtomicInteger IN_VM_IDS = new AtomicInteger(1000);

    private final BrokerSettings settings;
    private final FileLock folderLock;
    private final EmbeddedActiveMQ embedded;
    private final ActiveMQServer server;
    private final ActiveMQConnectionFactory connectionFactory;
    private final JournalType journalType;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private EmbeddedBroker(BrokerSettings settings, FileLock folderLock, EmbeddedActiveMQ embedded,
                           JournalType journalType, ActiveMQConnectionFactory connectionFactory) {
        this.settings = settings;
        this.folderLock = folderLock;
        this.embedded = embedded;
        this.server = embedded.getActiveMQServer();
        this.journalType = journalType;
        this.connectionFactory = connectionFactory;
    }

    /**
     * Starts the broker on {@code settings.dataFolder()}, creating the folder and the {@code imi.*}
     * queues when missing. Messages persisted by an earlier run are there again.
     *
     * @throws BrokerException when the folder cannot be written, another broker (in this or another
     *                         process) uses it, or the broker does not start
     */
    public static EmbeddedBroker start(BrokerSettings settings) {
        Path data = settings.dataFolder().toAbsolutePath();
        Path journal = data.resolve("journal");
        try {
            Files.createDirectories(journal);
        } catch (IOException e) {
            throw new BrokerException("Cannot create the broker folder " + journal + ": " + e.getMessage(), e);
        }
        FileLock folderLock = lockFolder(data);
        try {
            return start(settings, data, folderLock);
        } catch (RuntimeException e) {
            release(folderLock);
            throw e;
        }
    }

    private static EmbeddedBroker start(BrokerSettings settings, Path data, FileLock folderLock) {
        Path journal = data.resolve("journal");
        JournalType journalType = chooseJournalType(journal);
        int inVmId = IN_VM_IDS.incrementAndGet();
        Configuration config = BrokerConfiguration.build(settings, data, journalType, inVmId);

        EmbeddedActiveMQ embedded = new EmbeddedActiveMQ()
                .setConfiguration(config)
                .setMbeanServer(ManagementFactory.getPlatformMBeanServer())
                // Otherwise a stray broker.properties on the class path silently overrides this configuration.
                .setPropertiesResourcePath(null);
        try {
            embedded.start();
            if (!embedded.getActiveMQServer().waitForActivation(30, TimeUnit.SECONDS)) {
                throw new BrokerException("Broker " + settings.name() + " did not become active within 30 s");
            }
        } catch (BrokerException e) {
            stopQuietly(embedded);
            throw e;
        } catch (Exception e) {
            stopQuietly(embedded);
            throw new BrokerException("Broker " + settings.name() + " did not start on " + data + ": " + e.getMessage(), e);
        }

        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("vm://" + inVmId);
        // A persistent send returns only once the journal has synced it: the receipt may then be sent.
        factory.setBlockOnDurableSend(true);
        // No prefetch: a consumer busy with a slow delivery must not hold messages that another could take.
        factory.setConsumerWindowSize(0);

        LOG.info("Broker {} started on {} (journal {}, in-VM id {}{})", settings.name(), data, journalType, inVmId,
                settings.tcpPort().isPresent() ? ", TCP 127.0.0.1:" + settings.tcpPort().getAsInt() : "");
        return new EmbeddedBroker(settings, folderLock, embedded, journalType, factory);
    }

    // Artemis itself would wait forever for the journal's lock when a second broker starts on the same
    // folder (two gateways on one home): fail at once with a message instead.
    private static FileLock lockFolder(Path data) {
        Path lockFile = data.resolve("imi-broker.lock");
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
        } catch (OverlappingFileLockException e) {
            // held by a broker in this JVM: same answer as for another process
        } catch (IOException e) {
            throw new BrokerException("Cannot lock the broker folder " + data + ": " + e.getMessage(), e);
        }
        closeQuietly(channel);
        throw new BrokerException("Broker folder " + data + " is in use by another running broker"
                + " (is another gateway running on the same home?)");
    }

    private static void release(FileLock lock) {
        try {
            lock.release();
        } catch (IOException e) {
            LOG.warn("Releasing the broker folder lock failed: {}", e.getMessage());
        }
        closeQuietly(lock.channel());
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("Closing the broker folder lock file failed: {}", e.getMessage());
        }
    }

    /** AIO (libaio, O_DIRECT) when the native library loads and the file system takes it, NIO otherwise. */
    private static JournalType chooseJournalType(Path journal) {
        return AIOSequentialFileFactory.isSupported() && AIOSequentialFileFactory.isSupported(journal.toFile())
                ? JournalType.ASYNCIO : JournalType.NIO;
    }

    public String name() {
        return settings.name();
    }

    public BrokerSettings settings() {
        return settings;
    }

    /** The journal implementation in use: {@code ASYNCIO} or {@code NIO}. */
    public JournalType journalType() {
        return journalType;
    }

    /**
     * The in-VM connection factory of this broker. Always the same instance: Spring's JMS transaction
     * support finds the session of a running transaction by this key.
     */
    public ConnectionFactory connectionFactory() {
        return connectionFactory;
    }

    /**
     * Creates the durable queue {@code imi.delivery.<backend>} unless it exists, and returns its name.
     * Queues are kept in the journal: once created, they are there after every restart.
     */
    public String ensureDeliveryQueue(String backend) {
        return ensureQueue(Queues.delivery(backend));
    }

    /**
     * Creates a durable anycast queue of this name (on an address of the same name) unless it
     * exists: for the queues a JMS backend reads and writes, which the broker does not auto-create.
     */
    public String ensureQueue(String queue) {
        try {
            server.createQueue(durableAnycast(queue), true);
        } catch (Exception e) {
            throw new BrokerException("Cannot create queue " + queue + ": " + e.getMessage(), e);
        }
        return queue;
    }

    /** Whether the broker has a queue of this name. */
    public boolean hasQueue(String queue) {
        return server.locateQueue(SimpleString.of(queue)) != null;
    }

    /**
     * Messages in the queue, counting those waiting for a redelivery delay and those being delivered.
     *
     * @throws IllegalArgumentException when there is no such queue
     */
    public long messageCount(String queue) {
        return queueControl(queue).getMessageCount();
    }

    /**
     * Moves the messages that carry this gateway MessageId from one queue to another, scheduled
     * ones included; returns how many moved.
     */
    public int moveMessages(String from, String messageId, String to) {
        String filter = Queues.MESSAGE_ID_PROPERTY + " = '" + messageId.replace("'", "''") + "'";
        try {
            return queueControl(from).moveMessages(filter, to);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new BrokerException("Cannot move message " + messageId + " from " + from + " to " + to + ": "
                    + e.getMessage(), e);
        }
    }

    /** Removes every message from the queue; returns how many were removed. */
    public int purge(String queue) {
        try {
            return queueControl(queue).removeAllMessages();
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new BrokerException("Cannot purge queue " + queue + ": " + e.getMessage(), e);
        }
    }

    /** Asks the duplicate-id cache of the queue's address, as the broker does before it routes a message. */
    @Override
    public boolean holdsDuplicateId(String queue, String duplicateId) {
        // The bytes Artemis keeps for a String duplicate id (Message.getDuplicateIDBytes).
        return server.getPostOffice().getDuplicateIDCache(SimpleString.of(queue))
                .contains(SimpleString.of(duplicateId).getData());
    }

    /** The JMX name of the queue's MBean on the platform MBean server. */
    public ObjectName queueObjectName(String queue) {
        try {
            return ObjectNameBuilder.create(JMX_DOMAIN, settings.name(), true)
                    .getQueueObjectName(SimpleString.of(queue), SimpleString.of(queue), RoutingType.ANYCAST);
        } catch (Exception e) {
            throw new IllegalArgumentException("No JMX name for queue " + queue + ": " + e.getMessage(), e);
        }
    }

    public boolean isStarted() {
        return server.isStarted();
    }

    @Override
    public Optional<String> blocked() {
        if (server.isStarted() && server.getPagingManager() != null && server.getPagingManager().isDiskFull()) {
            return Optional.of("the disk of " + settings.dataFolder() + " is above the broker's max-disk-usage of "
                    + settings.maxDiskUsage() + " %; free space, or raise broker.maxDiskUsage");
        }
        return Optional.empty();
    }

    /** Stops the broker; every message it accepted is in the journal. Calling it again does nothing. */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        connectionFactory.close();
        try {
            embedded.stop();
        } catch (Exception e) {
            throw new BrokerException("Broker " + settings.name() + " did not stop cleanly: " + e.getMessage(), e);
        } finally {
            release(folderLock);
        }
        LOG.info("Broker {} stopped", settings.name());
    }

    @Override
    public void close() {
        stop();
    }

    static QueueConfiguration durableAnycast(String queue) {
        return QueueConfiguration.of(queue)
                .setAddress(queue)
                .setRoutingType(RoutingType.ANYCAST)
                .setDurable(true)
                .setAutoCreateAddress(true);
    }

    private QueueControl queueControl(String queue) {
        Object control = server.getManagementService().getResource(ResourceNames.QUEUE + queue);
        if (control instanceof QueueControl queueControl) {
            return queueControl;
        }
        throw new IllegalArgumentException("Broker " + settings.name() + " has no queue " + queue);
    }

    private static void stopQuietly(EmbeddedActiveMQ embedded) {
        try {
            embedded.stop();
        } catch (Exception e) {
            LOG.warn("Stopping a broker that failed to start also failed: {}", e.getMessage());
        }
    }
}
