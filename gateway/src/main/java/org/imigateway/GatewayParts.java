package org.imigateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.imigateway.as4.Cryptos;
import org.imigateway.as4.HttpTransport;
import org.imigateway.as4.ParseLimits;
import org.imigateway.as4.TlsSettings;
import org.imigateway.as4.inflow.FreshnessSettings;
import org.imigateway.as4.inflow.InboundPipeline;
import org.imigateway.as4.inflow.InboundSteps;
import org.imigateway.as4.outflow.As4Sender;
import org.imigateway.as4.outflow.DynamicReceivers;
import org.imigateway.discovery.DiscoveredReceivers;
import org.imigateway.discovery.Discovery;
import org.imigateway.discovery.DiscoveryFactory;
import org.imigateway.backend.Backends;
import org.imigateway.broker.Broker;
import org.imigateway.broker.Brokers;
import org.imigateway.broker.CamelJms;
import org.imigateway.cluster.ClusterSettings;
import org.imigateway.cluster.NodeRegistry;
import org.imigateway.cluster.TimerLeadership;
import org.imigateway.config.AdmissionConfig;
import org.imigateway.config.ConfigException;
import org.imigateway.config.GatewayConfig;
import org.imigateway.cooperation.CooperationHub;
import org.imigateway.cooperation.Retention;
import org.imigateway.cooperation.publicapi.PublicInterface;
import org.imigateway.ops.ClusterState;
import org.imigateway.pmode.ActivePModes;
import org.imigateway.pmode.PModeException;
import org.imigateway.pmode.PModeSet;
import org.imigateway.route.ChooseBackend;
import org.imigateway.route.DeliverToBackend;
import org.imigateway.route.Enqueuer;
import org.imigateway.connectors.fs.FolderInbox;
import org.imigateway.route.GatewayRoutes;
import org.imigateway.route.InboundHandoff;
import org.imigateway.route.OutboundSubmission;
import org.imigateway.route.Recovery;
import org.imigateway.route.RouteSupervisor;
import org.imigateway.route.SendControl;
import org.imigateway.route.TransmitMessage;
import org.imigateway.store.BackendLedger;
import org.imigateway.store.Database;
import org.imigateway.store.DatabaseSettings;
import org.imigateway.store.DerbySink;
import org.imigateway.store.MessageLog;
import org.imigateway.store.PayloadAccess;
import org.imigateway.store.PayloadStore;

/**
 * The parts of one gateway, wired from its home in the order they start: keys and PModes, the
 * database, the broker, the routes, the backends, the hub when this is one, the AS4 pipeline and
 * the operators' doors. Each part that must be stopped is handed to the {@link Lifecycle} as it
 * starts, so a failure half-way stops exactly what had started. {@link Gateway} is the front
 * that production code uses; tests, the benchmarks and the conformance self-test look inside
 * through {@link #partsOf}.
 */
public final class GatewayParts {

    private final ActivePModes pmodes;
    private final TlsSettings serverTls;
    private final MessageLog messageLog;
    private final DerbySink sink;
    private final PayloadAccess payloadAccess;
    private final Broker broker;
    private final CamelContext camel;
    private final FolderInbox inbox;
    private final OutboundSubmission submission;
    private final Backends backends;
    private final As4Sender sender;
    private final SendControl sendControl = new SendControl();
    private final Optional<HubParts> hub;
    private final Optional<PublicInterface> publicInterface;
    private final As4Server as4;
    private final Operators operators;
    private final Cryptos cryptos;
    private final ClusterState cluster;
    private final CompositeMeterRegistry discoveryMeters;
    private final Optional<Discovery> discovery;

    GatewayParts(GatewayConfig config, Function<InboundSteps.Parts, InboundSteps> inboundSteps, Lifecycle parts)
            throws ConfigException, PModeException, IOException {
        this.pmodes = ActivePModes.load(config.pmodes(), config.partyName());
        GatewayKeys keys = GatewayKeys.load(config, pmodes.get());
        // a reload reads the key store again beside the PModes: rotation without a restart
        pmodes.reloadKeysWith((candidate, active, self) -> {
            GatewayKeys fresh = keys.reread(candidate);
            return () -> fresh.commit(candidate);
        });
        this.serverTls = keys.serverTls();
        this.cryptos = keys.cryptos();
        AdmissionConfig admission = AdmissionConfig.load(config.home());
        ParseLimits parseLimits = ParseLimits.load(config.home(), config.maxMessageBytes());
        FreshnessSettings freshness = FreshnessSettings.load(config.home());
        Path data = Files.createDirectories(config.dataDir());
        Path work = Files.createDirectories(data.resolve("work"));
        // counted here, published once the metrics registry exists (Operators, below)
        this.discoveryMeters = new CompositeMeterRegistry();
        this.discovery = DiscoveryFactory.open(config, discoveryMeters);
        this.sender = new As4Sender(pmodes, config.partyName(), keys.cryptos(),
                new HttpTransport(keys.clientTls(), config.sendTimeout()), work,
                discovery.<DynamicReceivers>map(DiscoveredReceivers::new).orElse(DynamicReceivers.NONE));

        ClusterSettings clustering = ClusterSettings.load(config);
        // What another node must read lives in the shared folder; work folders stay on the node.
        Path shared = clustering.sharedDir();
        Database database = Database.open(DatabaseSettings.load(config));
        parts.started("the database", database, database::close);
        if (clustering.enabled()) {
            // Before the payload store settles its staging folder, which belongs to this node id alone.
            NodeRegistry node = NodeRegistry.join(database, clustering.nodeId());
            parts.started("the cluster node registration", node, node::close);
        }
        this.messageLog = new MessageLog(database);
        PayloadStore payloads = new PayloadStore(database, shared.resolve("payloads"), clustering.nodeId());
        payloads.recover();
        this.sink = new DerbySink(messageLog, payloads);
        this.payloadAccess = new PayloadAccess(database, messageLog, sink, payloads, Clock.systemUTC());
        this.inbox = new FolderInbox(shared);
        this.broker = Brokers.open(config.home(), config.partyName(), data.resolve("artemis"));
        parts.started("the broker", broker, broker::stop);
        broker.ensureDeliveryQueue(GatewayRoutes.DEFAULT_BACKEND);

        this.camel = new DefaultCamelContext();
        camel.getCamelContextExtension().setName("imi-" + config.partyName());
        CamelJms.install(camel, broker);
        RouteSupervisor supervisor = RouteSupervisor.install(camel);
        Enqueuer enqueuer = new Enqueuer(camel.createProducerTemplate());
        this.submission = new OutboundSubmission(messageLog, sender, enqueuer,
                Files.createDirectories(shared.resolve("outbox")), pmodes.get().party(config.partyName()).orElseThrow());
        Recovery recovery = new Recovery(messageLog, enqueuer, broker);
        this.hub = HubParts.open(config, parts, database, pmodes, messageLog, payloads, payloadAccess, submission, inbox,
                broker, enqueuer, shared, serverTls, admission.publicInterface());
        this.backends = Backends.create(config.home(), data, database, messageLog, payloadAccess, broker, submission,
                serverTls, keys.clientTls());
        parts.started("the routes", camel, camel::stop);
        try {
            // A hub's default backend is the cooperation step; it passes what is not IMI business to the inbox.
            camel.addRoutes(new GatewayRoutes(new ChooseBackend(messageLog, backends.claims()),
                    new DeliverToBackend(messageLog, payloadAccess, hub.isPresent() ? PayloadAccess.COOPERATION_STEP
                            : GatewayRoutes.DEFAULT_BACKEND, hub.isPresent() ? hub.get().hub() : inbox),
                    new TransmitMessage(messageLog, sender, pmodes, sendControl), recovery,
                    HubParts.RECOVERY_PERIOD_MILLIS));
            camel.addRoutes(backends.routes());
            for (RouteBuilder routes : hub.map(HubParts::routes).orElse(List.of())) {
                camel.addRoutes(routes);
            }
            if (clustering.enabled()) {
                TimerLeadership timers = TimerLeadership.hold(database, clustering.nodeId(), camel, recovery::run);
                supervisor.leaveStopped(timers::stoppedOnPurpose);
                this.cluster = timers;
            } else {
                this.cluster = ClusterState.SINGLE;
            }
            camel.start();
        } catch (ConfigException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("the routes cannot start: " + e.getMessage(), e);
        }
        parts.started("the backend connectors", backends, backends::close);
        if (cluster instanceof TimerLeadership timers) {
            // The node that takes the timers runs the first recovery pass, now or when another node dies.
            parts.started("the timer leadership", timers, timers::close);
            timers.start();
        } else {
            recovery.run();
        }
        this.publicInterface = hub.flatMap(HubParts::publicInterface);

        InboundPipeline pipeline = new InboundPipeline(inboundSteps.apply(new InboundSteps.Parts(pmodes,
                config.partyName(), keys.cryptos(), new InboundHandoff(sink, enqueuer), freshness)), work, parseLimits,
                pmodes);
        this.as4 = new As4Server(config, serverTls, admission.as4(), pipeline);
        this.operators = new Operators(config, keys, pmodes, messageLog, enqueuer, broker, supervisor, sendControl,
                admission, data, submission, cluster, new BackendLedger(database)::renotify,
                payloads);
        discoveryMeters.add(operators.metrics().registry());
        hub.map(HubParts::queues).orElse(List.of()).forEach(operators.metrics()::watchQueue);
    }

    /** The gateway's metrics registry, as {@code /metrics} shows it. */
    public org.imigateway.ops.GatewayMetrics metrics() {
        return operators.metrics();
    }

    /** Dynamic discovery, when the home has {@code discovery.*} settings. */
    public Optional<Discovery> discovery() {
        return discovery;
    }

    /** The parts behind a gateway: for tests and measurements that look inside, not for production code. */
    public static GatewayParts partsOf(Gateway gateway) {
        return gateway.parts();
    }

    As4Server as4() {
        return as4;
    }

    Operators operators() {
        return operators;
    }

    TlsSettings serverTls() {
        return serverTls;
    }

    OutboundSubmission submission() {
        return submission;
    }

    ActivePModes activePModes() {
        return pmodes;
    }

    /** The keys and partner certificates in force; a PMode reload replaces what they hold. */
    public Cryptos cryptos() {
        return cryptos;
    }

    public As4Sender sender() {
        return sender;
    }

    public PModeSet pmodes() {
        return pmodes.get();
    }

    public SendControl sendControl() {
        return sendControl;
    }

    public DerbySink sink() {
        return sink;
    }

    public Optional<Retention> retention() {
        return hub.map(HubParts::retention);
    }

    public PayloadAccess payloadAccess() {
        return payloadAccess;
    }

    public Optional<CooperationHub> cooperationHub() {
        return hub.map(HubParts::hub);
    }

    public Optional<PublicInterface> publicInterface() {
        return publicInterface;
    }

    public FolderInbox inbox() {
        return inbox;
    }

    /** Where received messages go: the backends, then the default destination if any message is left for it. */
    public String destinations() {
        return backends.destinations(hub.isPresent()
                ? "the cooperation hub (what is not IMI business: " + inbox.folder() + ")" : inbox.folder().toString());
    }

    public Backends backends() {
        return backends;
    }

    public MessageLog messageLog() {
        return messageLog;
    }

    public Broker broker() {
        return broker;
    }

    public CamelContext camel() {
        return camel;
    }

    /** This node's id and whether it runs the once-only timers (a gateway on its own always does). */
    public ClusterState cluster() {
        return cluster;
    }

    public int httpPort() {
        return as4.httpPort();
    }

    public int httpsPort() {
        return as4.httpsPort();
    }
}
