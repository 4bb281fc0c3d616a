package org.imigateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.imigateway.as4.HttpTransport;
import org.imigateway.as4.ParseLimits;
import org.imigateway.as4.TlsSettings;
import org.imigateway.as4.inflow.FreshnessSettings;
import org.imigateway.as4.inflow.InboundPipeline;
import org.imigateway.as4.inflow.InboundSteps;
import org.imigateway.as4.outflow.As4Sender;
import org.imigateway.as4.outflow.SendResult;
import org.imigateway.backend.Backends;
import org.imigateway.broker.BrokerSettings;
import org.imigateway.broker.CamelJms;
import org.imigateway.broker.EmbeddedBroker;
import org.imigateway.config.AdmissionConfig;
import org.imigateway.config.ConfigException;
import org.imigateway.config.GatewayConfig;
import org.imigateway.connectors.Submission;
import org.imigateway.connectors.SubmissionException;
import org.imigateway.cooperation.CooperationHub;
import org.imigateway.cooperation.Retention;
import org.imigateway.cooperation.publicapi.PublicInterface;
import org.imigateway.ops.OpsEndpoints;
import org.imigateway.pmode.ActivePModes;
import org.imigateway.pmode.PModeException;
import org.imigateway.pmode.PModeSet;
import org.imigateway.route.ChooseBackend;
import org.imigateway.route.DeliverToBackend;
import org.imigateway.route.Enqueuer;
import org.imigateway.route.FolderInbox;
import org.imigateway.route.GatewayRoutes;
import org.imigateway.route.InboundHandoff;
import org.imigateway.route.OutboundSubmission;
import org.imigateway.route.Recovery;
import org.imigateway.route.RouteSupervisor;
import org.imigateway.route.SendControl;
import org.imigateway.route.TransmitMessage;
import org.imigateway.store.Database;
import org.imigateway.store.DatabaseSettings;
import org.imigateway.store.DerbySink;
import org.imigateway.store.MessageLog;
import org.imigateway.store.MessageRecord;
import org.imigateway.store.PayloadAccess;
import org.imigateway.store.PayloadStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One gateway, wired from its home: keys and PModes, the durable store and broker, the routes,
 * the backends, the hub when this is one, the AS4 port and the operators' doors. The parts start
 * in that order and stop in reverse ({@link Lifecycle}).
 */
public final class Gateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final GatewayConfig config;
    private final Lifecycle parts;
    private final ActivePModes pmodes;
    private final GatewayKeys keys;
    private final TlsSettings serverTls;
    private final MessageLog messageLog;
    private final DerbySink store;
    private final PayloadAccess payloadAccess;
    private final EmbeddedBroker broker;
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
    private OpsEndpoints ops;

    private Gateway(GatewayConfig config, Function<InboundSteps.Parts, InboundSteps> inboundSteps, Lifecycle parts)
            throws ConfigException, PModeException, IOException {
        this.config = config;
        this.parts = parts;
        this.pmodes = ActivePModes.load(config.pmodes(), config.partyName());
        this.keys = GatewayKeys.load(config, pmodes.get());
        this.serverTls = keys.serverTls();
        AdmissionConfig admission = AdmissionConfig.load(config.home());
        ParseLimits parseLimits = ParseLimits.load(config.home(), config.maxMessageBytes());
        FreshnessSettings freshness = FreshnessSettings.load(config.home());
        Path data = Files.createDirectories(config.dataDir());
        Path work = Files.createDirectories(data.resolve("work"));
        this.sender = new As4Sender(pmodes, config.partyName(), keys.cryptos(),
                new HttpTransport(keys.clientTls(), config.sendTimeout()), work);

        Database database = Database.open(DatabaseSettings.load(config));
        parts.started("the database", database, database::close);
        this.messageLog = new MessageLog(database);
        PayloadStore payloads = new PayloadStore(database, data.resolve("payloads"));
        payloads.recover();
        this.store = new DerbySink(messageLog, payloads);
        this.payloadAccess = new PayloadAccess(database, messageLog, store, payloads, Clock.systemUTC());
        this.inbox = new FolderInbox(data);
        this.broker = EmbeddedBroker.start(BrokerSettings.of(config.partyName(), data.resolve("artemis")));
        parts.started("the broker", broker, broker::stop);
        broker.ensureDeliveryQueue(GatewayRoutes.DEFAULT_BACKEND);

        this.camel = new DefaultCamelContext();
        camel.getCamelContextExtension().setName("imi-" + config.partyName());
        CamelJms.install(camel, broker);
        RouteSupervisor supervisor = RouteSupervisor.install(camel);
        Enqueuer enqueuer = new Enqueuer(camel.createProducerTemplate());
        this.submission = new OutboundSubmission(messageLog, sender, enqueuer,
                Files.createDirectories(data.resolve("outbox")), pmodes.get().party(config.partyName()).orElseThrow());
        Recovery recovery = new Recovery(messageLog, enqueuer);
        this.hub = HubParts.open(config, parts, database, pmodes, messageLog, payloads, payloadAccess, submission, inbox,
                broker, enqueuer, data);
        this.backends = Backends.create(config.home(), data, database, messageLog, payloadAccess, broker, submission,
                serverTls);
        parts.started("the routes", camel, camel::stop);
        try {
            // A hub's default backend is the cooperation step; it passes what is not IMI business to the inbox.
            camel.addRoutes(new GatewayRoutes(new ChooseBackend(messageLog, backends.claims()),
                    new DeliverToBackend(messageLog, payloadAccess, hub.isPresent() ? PayloadAccess.COOPERATION_STEP
                            : GatewayRoutes.DEFAULT_BACKEND, hub.isPresent() ? hub.get().hub() : inbox),
                    new TransmitMessage(messageLog, sender, pmodes, sendControl), recovery,
                    HubParts.RECOVERY_PERIOD_MILLIS));
            camel.addRoutes(backends.routes());
            if (hub.isPresent()) {
                camel.addRoutes(hub.get().routes());
            }
            camel.start();
        } catch (ConfigException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("the routes cannot start: " + e.getMessage(), e);
        }
        parts.started("the backend connectors", backends, backends::close);
        recovery.run();
        this.publicInterface = hub.isPresent() ? hub.get().publicInterface(config, database, messageLog, submission,
                serverTls, admission.publicInterface(), data) : Optional.empty();

        InboundPipeline pipeline = new InboundPipeline(inboundSteps.apply(new InboundSteps.Parts(pmodes,
                config.partyName(), keys.cryptos(), new InboundHandoff(store, enqueuer), freshness)), work, parseLimits,
                pmodes);
        this.as4 = new As4Server(config, serverTls, admission.as4(), pipeline);
        this.operators = new Operators(config, keys, pmodes, messageLog, enqueuer, broker, supervisor, sendControl,
                admission.admin(), data);
    }

    /** Loads the home and starts listening. */
    public static Gateway start(Path home) throws ConfigException, PModeException, IOException {
        Gateway gateway = open(home);
        try {
            return gateway.listen();
        } catch (IOException | RuntimeException | Error e) {
            gateway.close();
            throw e;
        }
    }

    /** Loads the home without listening: enough to send, as the one-shot {@code send} command does. */
    public static Gateway open(Path home) throws ConfigException, PModeException, IOException {
        return open(home, InboundSteps::standard);
    }

    /**
     * Loads the home with the inbound steps another assembly makes. The product always uses
     * {@link InboundSteps#standard}; the conformance suite's self-test builds deliberately broken
     * gateways this way, from its own test code, so no fault ships in the product.
     */
    public static Gateway open(Path home, Function<InboundSteps.Parts, InboundSteps> inboundSteps)
            throws ConfigException, PModeException, IOException {
        GatewayConfig config = GatewayConfig.load(home);
        Lifecycle parts = new Lifecycle("gateway '" + config.partyName() + "'");
        try {
            return new Gateway(config, inboundSteps, parts);
        } catch (ConfigException | PModeException | IOException | RuntimeException | Error e) {
            parts.close(); // what had started before the failure
            throw e;
        }
    }

    /** Opens the ports: AS4, the backends' intake, the public interface, the operators' doors. */
    public Gateway listen() throws IOException {
        try {
            as4.start();
        } catch (Exception e) {
            throw new IOException("the AS4 endpoint of '" + config.partyName() + "' cannot start: " + e.getMessage(), e);
        }
        parts.started("the AS4 endpoint", as4, as4::stop);
        try {
            backends.start();
        } catch (Exception e) {
            throw new IOException("the backend connectors of '" + config.partyName() + "' cannot start: " + e.getMessage(), e);
        }
        if (publicInterface.isPresent()) {
            parts.started("the public interface", publicInterface.get().start(), publicInterface.get()::close);
        }
        OpsEndpoints opened = operators.open(serverTls);
        this.ops = parts.started("the operations endpoints", opened, opened::close);
        LOG.info("gateway '{}' listening: {}", config.partyName(), endpoints());
        return this;
    }

    /**
     * The durable way to send: checked, prepared, logged as SEND_ENQUEUED and queued; the send
     * route delivers it with retries. Returns the MessageId.
     */
    public String submit(Submission submission) throws SubmissionException {
        return this.submission.submit(submission);
    }

    /** Waits until an outbound message is ACKNOWLEDGED or SEND_FAILURE, or the time is up. */
    public MessageRecord awaitOutcome(String messageId, Duration timeout) throws InterruptedException {
        return messageLog.awaitOutcome(messageId, timeout);
    }

    /**
     * One immediate, synchronous attempt that bypasses the queue and the message log: for
     * diagnostics and interoperability tests that want the raw outcome of a single exchange.
     */
    public SendResult send(Submission submission) {
        return sender.send(submission);
    }

    /** See {@link ActivePModes#reload}. */
    public String reloadPModes() {
        return pmodes.reload();
    }

    public String partyName() {
        return config.partyName();
    }

    public List<String> endpoints() {
        return as4.endpoints();
    }

    @Override
    public void close() {
        parts.close();
    }

    // What tests, the demo and the command line reach; the parts themselves are wired above.

    public As4Sender sender() {
        return sender;
    }

    public PModeSet pmodes() {
        return pmodes.get();
    }

    public SendControl sendControl() {
        return sendControl;
    }

    /** The loopback port of /metrics and /health, or -1 when off or not listening. */
    public int adminPort() {
        return ops == null ? -1 : ops.adminPort();
    }

    public DerbySink sink() {
        return store;
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

    public Backends backends() {
        return backends;
    }

    public MessageLog messageLog() {
        return messageLog;
    }

    public EmbeddedBroker broker() {
        return broker;
    }

    public CamelContext camel() {
        return camel;
    }

    public GatewayConfig config() {
        return config;
    }

    public int httpPort() {
        return as4.httpPort();
    }

    public int httpsPort() {
        return as4.httpsPort();
    }
}
