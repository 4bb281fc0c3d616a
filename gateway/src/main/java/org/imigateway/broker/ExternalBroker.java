package org.imigateway.broker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import jakarta.jms.ConnectionFactory;

import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientRequestor;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.api.core.client.TopologyMember;
import org.apache.activemq.artemis.api.core.management.ManagementHelper;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.imigateway.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An external ActiveMQ Artemis broker, or a live/backup pair, reached over the core protocol at
 * {@code broker.url}. The routes use its JMS connection factory as they use the embedded broker's;
 * queues are created and counted, and messages moved, through the broker's management address.
 *
 * <p>On connecting it checks that the broker runs with what the embedded broker configures
 * ({@link BrokerConfiguration}): persistence with synced journal writes, persisted duplicate ids,
 * the gateway's queues and the same redelivery, dead-letter and auto-create settings. A broker
 * set up from the template {@code gateway/src/main/dist/artemis/broker.xml} passes; any other fails the start with
 * every difference named.
 */
public final class ExternalBroker implements Broker {

    private static final Logger LOG = LoggerFactory.getLogger(ExternalBroker.class);

    private static final String MANAGEMENT_ADDRESS = "activemq.management";
    private static final long CALL_TIMEOUT_MILLIS = 30_000;
    private static final String TEMPLATE = "template: gateway/src/main/dist/artemis/broker.xml, docs/broker.md";

    private final ExternalBrokerSettings settings;
    private final ServerLocator locator;
    private final ActiveMQConnectionFactory connectionFactory;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private ClientSessionFactory sessions;

    private ExternalBroker(ExternalBrokerSettings settings, ServerLocator locator, ClientSessionFactory sessions) {
        this.settings = settings;
        this.locator = locator;
        this.sessions = sessions;
        this.connectionFactory = new ActiveMQConnectionFactory(settings.url(), settings.user(), settings.password());
        // As the embedded broker: a persistent send returns once the live broker's journal has it, and no
        // prefetch, so that a consumer busy with a slow delivery holds no messages another could take.
        connectionFactory.setBlockOnDurableSend(true);
        connectionFactory.setConsumerWindowSize(0);
    }

    /**
     * Connects, logs in and checks the broker's configuration.
     *
     * @throws ConfigException naming {@code broker.url} when no broker answers, the login is refused, or the
     *                         broker is not configured as the gateway needs
     */
    public static ExternalBroker connect(ExternalBrokerSettings settings) throws ConfigException {
        ServerLocator locator;
        try {
            locator = ActiveMQClient.createServerLocator(settings.url());
        } catch (Exception e) {
            throw new ConfigException(where(settings) + " is not an Artemis URL: " + e.getMessage(), e);
        }
        ClientSessionFactory sessions;
        try {
            sessions = locator.createSessionFactory();
        } catch (Exception e) {
            locator.close();
            throw new ConfigException(where(settings) + ": no broker answers there (" + e.getMessage() + ")", e);
        }
        ExternalBroker broker = new ExternalBroker(settings, locator, sessions);
        try {
            broker.check();
        } catch (ConfigException | RuntimeException e) {
            broker.stop();
            throw e;
        }
        LOG.info("Using the external broker at {} as {}", settings.url(), settings.user());
        return broker;
    }

    private static String where(ExternalBrokerSettings settings) {
        return ExternalBrokerSettings.URL + "=" + settings.url();
    }

    private void check() throws ConfigException {
        List<String> problems = new ArrayList<>();
        try {
            requireOn(problems, "persistenceEnabled", "persistence-enabled");
            requireOn(problems, "journalSyncTransactional", "journal-sync-transactional");
            requireOn(problems, "journalSyncNonTransactional", "journal-sync-non-transactional");
            requireOn(problems, "persistIDCache", "persist-id-cache");
            long idCache = ((Number) attribute(ResourceNames.BROKER, "IDCacheSize")).longValue();
            if (idCache < BrokerSettings.DEFAULT_DUPLICATE_ID_CACHE_SIZE) {
                problems.add("id-cache-size is " + idCache + ", the gateway needs at least "
                        + BrokerSettings.DEFAULT_DUPLICATE_ID_CACHE_SIZE);
            }
            Set<String> queues = queueNames();
            List<String> addresses = new ArrayList<>(BrokerConfiguration.FIXED_QUEUES);
            for (String queue : BrokerConfiguration.FIXED_QUEUES) {
                if (!queues.contains(queue)) {
                    problems.add("there is no queue " + queue);
                }
            }
            // The delivery queues are made by the gateway; the settings they will get are checked now.
            addresses.add(Queues.DELIVERY_PREFIX + "default");
            for (String address : addresses) {
                String json = (String) call(ResourceNames.BROKER, "getAddressSettingsAsJSON", address);
                problems.addAll(BrokerConfiguration.differences(address, AddressSettings.fromJSON(json),
                        RedeliverySettings.defaults()));
            }
        } catch (BrokerException e) {
            if (refusedLogin(e)) {
                throw new ConfigException(where(settings) + ": the broker refused the login of "
                        + ExternalBrokerSettings.USER + "=" + settings.user() + " with " + ExternalBrokerSettings.PASSWORD
                        + " (" + e.getCause().getMessage() + ")", e);
            }
            throw new ConfigException(where(settings) + ": the broker's configuration cannot be read: "
                    + e.getMessage() + "; its user needs the role imi-gateway (" + TEMPLATE + ")", e);
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(where(settings) + ": the broker is not configured as the gateway needs ("
                    + TEMPLATE + "):\n  " + String.join("\n  ", problems));
        }
    }

    private static boolean refusedLogin(BrokerException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            // AMQ229031: user or password unknown (AMQ229032, a permission missing, is the role's fault)
            if (cause instanceof ActiveMQSecurityException && String.valueOf(cause.getMessage()).contains("AMQ229031")) {
                return true;
            }
        }
        return false;
    }

    private void requireOn(List<String> problems, String attribute, String element) {
        if (!Boolean.TRUE.equals(attribute(ResourceNames.BROKER, attribute))) {
            problems.add(element + " is false, the gateway needs true");
        }
    }

    @Override
    public ConnectionFactory connectionFactory() {
        return connectionFactory;
    }

    @Override
    public String ensureQueue(String queue) {
        call(ResourceNames.BROKER, "createQueue", EmbeddedBroker.durableAnycast(queue).toJSON(), true);
        return queue;
    }

    @Override
    public long messageCount(String queue) {
        return ((Number) attribute(ResourceNames.QUEUE + queue, "messageCount")).longValue();
    }

    @Override
    public int moveMessages(String from, String messageId, String to) {
        String filter = Queues.MESSAGE_ID_PROPERTY + " = '" + messageId.replace("'", "''") + "'";
        return ((Number) call(ResourceNames.QUEUE + from, "moveMessages", filter, to)).intValue();
    }

    @Override
    public int purge(String queue) {
        return ((Number) call(ResourceNames.QUEUE + queue, "removeAllMessages")).intValue();
    }

    @Override
    public boolean isStarted() {
        return !stopped.get() && !sessions.isClosed();
    }

    // The management connection reconnects to whichever broker of the pair is live: its peer is the live one.
    @Override
    public synchronized String live() {
        if (stopped.get() || sessions.isClosed()) {
            return "no broker of " + settings.url() + " answers";
        }
        return "live broker at " + sessions.getConnection().getRemoteAddress() + ", " + backup();
    }

    /** The backup the live broker announced in the cluster topology it sends its clients, if any. */
    private String backup() {
        TopologyMember member = locator.getTopology().getMember(sessions.getConnection());
        TransportConfiguration backup = member == null ? null : member.getBackup();
        if (backup == null) {
            return "no backup announced";
        }
        String host = String.valueOf(backup.getParams().get("host"));
        String port = String.valueOf(backup.getParams().get("port"));
        // After a failover the topology still names the old backup, which is the broker answering now.
        String answering = sessions.getConnection().getRemoteAddress();
        if (answering.endsWith(":" + port) && answering.contains(host)) {
            return "no backup announced (the backup took over)";
        }
        return "backup announced at " + host + ":" + port;
    }

    @Override
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        connectionFactory.close();
        sessions.close();
        locator.close();
        LOG.info("Disconnected from the external broker at {}", settings.url());
    }

    private Set<String> queueNames() {
        return Arrays.stream((Object[]) attribute(ResourceNames.BROKER, "queueNames")).map(String::valueOf)
                .collect(Collectors.toSet());
    }

    private Object attribute(String resource, String attribute) {
        return request(resource, attribute, message -> ManagementHelper.putAttribute(message, resource, attribute));
    }

    private Object call(String resource, String operation, Object... arguments) {
        return request(resource, operation,
                message -> ManagementHelper.putOperationInvocation(message, resource, operation, arguments));
    }

    private interface Request {
        void writeTo(ClientMessage message) throws Exception;
    }

    // One session per call: management calls are rare (start, operators, metrics), and a fresh session
    // has no temporary reply queue left over from a broker that has failed over since.
    private synchronized Object request(String resource, String what, Request request) {
        try {
            if (sessions.isClosed()) {
                sessions = locator.createSessionFactory();
            }
            try (ClientSession session = sessions.createSession(settings.user(), settings.password(), false, true, true,
                    false, ActiveMQClient.DEFAULT_ACK_BATCH_SIZE);
                 ClientRequestor requestor = new ClientRequestor(session, MANAGEMENT_ADDRESS)) {
                session.start();
                ClientMessage message = session.createMessage(false);
                request.writeTo(message);
                ClientMessage reply = requestor.request(message, CALL_TIMEOUT_MILLIS);
                if (reply == null) {
                    throw new BrokerException("the broker at " + settings.url() + " did not answer " + what + " on "
                            + resource + " within " + CALL_TIMEOUT_MILLIS / 1000 + " s");
                }
                Object result = ManagementHelper.getResult(reply);
                if (!ManagementHelper.hasOperationSucceeded(reply)) {
                    if (resource.startsWith(ResourceNames.QUEUE)
                            && !queueNames().contains(resource.substring(ResourceNames.QUEUE.length()))) {
                        throw new IllegalArgumentException("Broker at " + settings.url() + " has no queue "
                                + resource.substring(ResourceNames.QUEUE.length()));
                    }
                    throw new BrokerException(what + " on " + resource + " failed at " + settings.url() + ": " + result);
                }
                return result;
            }
        } catch (BrokerException | IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new BrokerException(what + " on " + resource + " failed at " + settings.url() + ": " + e.getMessage(),
                    e);
        }
    }
}
