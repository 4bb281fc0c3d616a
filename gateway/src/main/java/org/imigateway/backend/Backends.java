package org.imigateway.backend;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.jms.ConnectionFactory;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.builder.RouteBuilder;
import org.imigateway.as4.TlsSettings;
import org.imigateway.broker.Broker;
import org.imigateway.config.AdmissionConfig;
import org.imigateway.connectors.admission.AdmissionSettings;
import org.imigateway.config.ConfigException;
import org.imigateway.connectors.BackendPort;
import org.imigateway.connectors.Connector;
import org.imigateway.connectors.GatewayPort;
import org.imigateway.connectors.fs.FolderConnector;
import org.imigateway.connectors.jms.JmsConnector;
import org.imigateway.connectors.jms.JmsQueues;
import org.imigateway.route.DeliverToBackend;
import org.imigateway.store.BackendLedger;
import org.imigateway.store.Database;
import org.imigateway.store.PayloadAccess;
import org.imigateway.store.MessageLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured backends of a gateway: for each, its connector (folder, JMS or web service),
 * its port scoped to its authorities and its delivery route. Built before the routes start; the
 * connectors start taking submissions once the gateway is up, and stop before it goes down.
 */
public final class Backends implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Backends.class);
    private static final long NOTIFY_PERIOD_MILLIS = 500;

    private final Map<String, BackendSettings> settings = new LinkedHashMap<>();
    private final Map<String, Connector> connectors = new LinkedHashMap<>();
    private final Map<String, ScopedBackendPort> ports = new LinkedHashMap<>();
    private final BackendLedger ledger;
    private final MessageLog log;
    private final PayloadAccess store;
    private final Path dataDir;

    private Backends(BackendLedger ledger, MessageLog log, PayloadAccess store, Path dataDir) {
        this.ledger = ledger;
        this.log = log;
        this.store = store;
        this.dataDir = dataDir;
    }

    /**
     * Reads {@code backend.*} from the home's settings and builds each connector; none configured is fine.
     * {@code serverTls} serves the web service backends' own ports; {@code clientTls} (our TLS client key)
     * is what the gateway shows when it calls a backend's push service.
     */
    public static Backends create(Path home, Path dataDir, Database database, MessageLog log, PayloadAccess store,
            Broker broker, GatewayPort outbound, TlsSettings serverTls, TlsSettings clientTls)
            throws ConfigException, IOException {
        Backends backends = new Backends(new BackendLedger(database), log, store, dataDir);
        AdmissionSettings admission = AdmissionConfig.load(home).backend();
        for (BackendSettings backend : BackendSettings.load(home)) {
            broker.ensureDeliveryQueue(backend.name());
            Connector connector = switch (backend.type()) {
                case FOLDER -> new FolderConnector(backend.name(), backend.folder(dataDir), backend.pollInterval());
                case JMS -> jms(backend, dataDir, broker);
                case WS -> WebServiceSettings.of(backend).connector(backend, dataDir, serverTls, clientTls, admission);
            };
            backends.settings.put(backend.name(), backend);
            backends.connectors.put(backend.name(), connector);
            backends.ports.put(backend.name(), new ScopedBackendPort(backend, outbound, backends.ledger, log, store));
        }
        return backends;
    }

    private static JmsConnector jms(BackendSettings backend, Path dataDir, Broker broker) throws IOException {
        JmsQueues queues = JmsQueues.withPrefix("imi.backend." + backend.name());
        Optional<String> url = backend.setting("brokerUrl");
        ConnectionFactory factory;
        if (url.isPresent()) {
            factory = new ActiveMQConnectionFactory(url.get());
        } else {
            queues.all().forEach(broker::ensureQueue);
            factory = broker.connectionFactory();
        }
        Optional<String[]> credentials = backend.setting("user")
                .map(user -> new String[] {user, backend.setting("password").orElse("")});
        return new JmsConnector(backend.name(), factory, queues, dataDir.resolve("work").resolve("jms-" + backend.name()),
                url.isPresent() ? credentials : Optional.empty());
    }

    /** Backend name to the authorities it serves, for {@link org.imigateway.route.ChooseBackend}. */
    public Map<String, Set<String>> claims() {
        Map<String, Set<String>> claims = new LinkedHashMap<>();
        settings.forEach((name, backend) -> claims.put(name, backend.authorities()));
        return claims;
    }

    /** Where received messages go, for the start-up line; {@code defaultDestination} takes what no backend claims. */
    public String destinations(String defaultDestination) {
        return BackendSettings.destinations(List.copyOf(settings.values()), dataDir, defaultDestination);
    }

    /** The {@code deliver-<name>} routes and the outcome notices. */
    public RouteBuilder routes() {
        Map<String, DeliverToBackend> deliveries = new LinkedHashMap<>();
        connectors.forEach((name, connector) -> deliveries.put(name,
                new DeliverToBackend(log, store, name, new AssignedDelivery(name, ledger, connector))));
        return new BackendRoutes(deliveries, new NotifyOutcomes(ledger, connectors), NOTIFY_PERIOD_MILLIS);
    }

    /** Lets each connector take submissions. */
    public void start() throws Exception {
        for (Map.Entry<String, Connector> connector : connectors.entrySet()) {
            connector.getValue().start(ports.get(connector.getKey()));
            LOG.info("backend {} ({}) started for authorities {}", connector.getKey(),
                    settings.get(connector.getKey()).type(), settings.get(connector.getKey()).authorities());
        }
    }

    /** The port of one backend, as its connector uses it. */
    public Optional<BackendPort> port(String backend) {
        return Optional.ofNullable(ports.get(backend));
    }

    public Optional<Connector> connector(String backend) {
        return Optional.ofNullable(connectors.get(backend));
    }

    public List<String> names() {
        return List.copyOf(settings.keySet());
    }

    @Override
    public void close() {
        connectors.values().forEach(Connector::close);
    }
}
