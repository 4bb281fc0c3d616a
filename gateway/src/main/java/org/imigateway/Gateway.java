package org.imigateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.imigateway.as4.As4Endpoint;
import org.imigateway.as4.Cryptos;
import org.imigateway.as4.HttpTransport;
import org.imigateway.as4.KeyMaterial;
import org.imigateway.as4.ProfileKeys;
import org.imigateway.pmode.SecurityProfile;
import org.imigateway.as4.TlsSettings;
import org.imigateway.as4.ParseLimits;
import org.imigateway.as4.inflow.InboundPipeline;
import org.imigateway.as4.inflow.InboundSteps;
import org.imigateway.as4.outflow.As4Sender;
import org.imigateway.as4.outflow.SendResult;
import org.imigateway.backend.Backends;
import org.imigateway.certificates.Stores;
import static org.imigateway.certificates.PartyKit.ENCRYPTION_ALIAS;
import static org.imigateway.certificates.PartyKit.SIGNING_ALIAS;
import static org.imigateway.certificates.PartyKit.TLS_CLIENT_ALIAS;
import static org.imigateway.certificates.PartyKit.TLS_SERVER_ALIAS;
import org.imigateway.config.ConfigException;
import org.imigateway.config.GatewayConfig;
import org.imigateway.connectors.DeliveryListener;
import org.imigateway.connectors.Submission;
import org.imigateway.cooperation.CooperationHub;
import org.imigateway.cooperation.CooperationRoutes;
import org.imigateway.cooperation.Retention;
import org.imigateway.cooperation.CooperationSettings;
import org.imigateway.cooperation.translation.TranslationSettings;
import org.imigateway.cooperation.publicapi.PublicInterface;
import org.imigateway.cooperation.publicapi.PublicSettings;
import org.imigateway.pmode.PModeException;
import org.imigateway.pmode.PModeLoader;
import org.imigateway.pmode.PModeSet;
import org.imigateway.pmode.Leg;
import org.imigateway.pmode.Party;
import org.imigateway.broker.BrokerSettings;
import org.imigateway.ops.CertificateExpiry;
import org.imigateway.ops.GatewayBean;
import org.imigateway.ops.GatewayMetrics;
import org.imigateway.ops.Health;
import org.imigateway.ops.MessageStatistics;
import org.imigateway.ops.OpsEndpoints;
import org.imigateway.ops.OpsSettings;
import org.imigateway.ops.Operations;
import org.imigateway.route.SendControl;
import org.imigateway.broker.CamelJms;
import org.imigateway.broker.EmbeddedBroker;
import org.imigateway.connectors.SubmissionException;
import org.imigateway.route.ChooseBackend;
import org.imigateway.route.DeliverToBackend;
import org.imigateway.route.Enqueuer;
import org.imigateway.route.FolderInbox;
import org.imigateway.route.GatewayRoutes;
import org.imigateway.route.InboundHandoff;
import org.imigateway.route.OutboundSubmission;
import org.imigateway.route.Recovery;
import org.imigateway.route.TransmitMessage;
import org.imigateway.store.Database;
import org.imigateway.store.DerbySink;
import org.imigateway.store.Direction;
import org.imigateway.store.MessageLog;
import org.imigateway.store.MessageRecord;
import org.imigateway.store.MessageStatus;
import org.imigateway.store.PayloadAccess;
import org.imigateway.store.PayloadStore;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running gateway: its PModes and keys, the AS4 endpoint on Jetty (HTTP and/or HTTPS),
 * the inbound pipeline into the sink and the sender. Built from a gateway home.
 */
public final class Gateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    private static final long RECOVERY_PERIOD_MILLIS = 60_000;
    /** Retention counts in months: an hourly run is punctual enough. */
    private static final long RETENTION_PERIOD_MILLIS = 3_600_000;

    private final GatewayConfig config;
    /** Swapped whole by {@link #reloadPModes}; every reader goes through {@code pmodes::get}. */
    private final AtomicReference<PModeSet> pmodes;
    private final Cryptos cryptos;
    private final Database database;
    private final MessageLog messageLog;
    private final DerbySink store;
    private final EmbeddedBroker broker;
    private final CamelContext camel;
    private final FolderInbox inbox;
    private final OutboundSubmission submission;
    private final Backends backends;
    private final As4Sender sender;
    private final Server server;
    private final ServerConnector httpConnector;
    private final ServerConnector httpsConnector;
    private final OpsSettings opsSettings;
    private final SendControl sendControl = new SendControl();
    private final GatewayBean bean;
    private final GatewayMetrics metrics;
    private final Health health;
    private final TlsSettings serverTls;
    private final List<X509Certificate> anchors;
    private OpsEndpoints ops;
    private final Optional<CooperationHub> cooperation;
    private final Optional<PublicInterface> publicInterface;
    private final PayloadAccess payloadAccess;
    private final PayloadStore payloads;

    private Gateway(GatewayConfig config, Function<InboundSteps.Parts, InboundSteps> inboundSteps)
            throws ConfigException, PModeException, IOException {
        this.config = config;
        this.pmodes = new AtomicReference<>(new PModeLoader().load(config.pmodes()));
        this.opsSettings = OpsSettings.load(config.home());
        ParseLimits parseLimits = ParseLimits.load(config.home(), config.maxMessageBytes());
        CooperationSettings cooperation = CooperationSettings.load(config.home());
        Party self = pmodes.get().party(config.partyName()).orElseThrow(() -> new ConfigException(config.home()
                .resolve(GatewayConfig.FILE) + ": gateway.party=" + config.partyName() + " is not a party in the PModes"));
        KeyStore keys = Stores.read(config.keyStore(), config.keyStorePassword());
        KeyStore trust = Stores.read(config.trustStore(), config.trustStorePassword());
        this.anchors = trustedCertificates(trust);
        List<X509CRL> crls = config.crl().map(p -> List.of(Stores.readCrl(p))).orElse(List.of());
        KeyMaterial material = new KeyMaterial(
                key(keys, SIGNING_ALIAS, config), chain(keys, SIGNING_ALIAS),
                key(keys, ENCRYPTION_ALIAS, config), chain(keys, ENCRYPTION_ALIAS), anchors, crls,
                profileKeys(keys, config));
        for (SecurityProfile profile : pmodes.get().legs().stream().map(Leg::securityProfile).distinct().toList()) {
            ProfileKeys own = material.keys(profile).orElseThrow(() -> new ConfigException(config.keyStore()
                    + ": has no keys under aliases '" + profile.signingAlias() + "' and '" + profile.encryptionAlias()
                    + "', which a leg with security profile " + profile.id() + " needs"));
            X509Certificate listed = self.certificates(profile).orElseThrow(() -> new ConfigException("party '"
                    + self.name() + "' (this gateway) has no " + profile.id() + " certificates in the PModes"))
                    .signing();
            if (!own.signingCertificate().equals(listed)) {
                throw new ConfigException("the " + profile.id() + " signing certificate in " + config.keyStore()
                        + " (alias '" + profile.signingAlias() + "') is not the one party '" + self.name()
                        + "' has in the PModes");
            }
        }
        if (!material.signingCertificate().equals(self.signingCertificate())) {
            throw new ConfigException("the signing certificate in " + config.keyStore() + " is not the one party '"
                    + self.name() + "' has in the PModes");
        }
        List<X509Certificate> partners = new ArrayList<>();
        for (Party party : pmodes.get().parties()) {
            partners.addAll(party.allCertificates());
        }
        this.cryptos = new Cryptos(material, partners);
        Path data = Files.createDirectories(config.dataDir());
        Path work = Files.createDirectories(data.resolve("work"));
        TlsSettings clientTls = new TlsSettings(optionalKey(keys, TLS_CLIENT_ALIAS, config), optionalChain(keys, TLS_CLIENT_ALIAS),
                anchors, config.tlsProtocols(), config.tlsCipherSuites());
        this.sender = new As4Sender(pmodes::get, config.partyName(), cryptos,
                new HttpTransport(clientTls, config.sendTimeout()), work);

        // Before the backends: a web service backend serves with the same TLS key as the AS4 endpoint.
        this.serverTls = new TlsSettings(optionalKey(keys, TLS_SERVER_ALIAS, config), optionalChain(keys, TLS_SERVER_ALIAS),
                anchors, config.tlsProtocols(), config.tlsCipherSuites());

        // Durable parts, in dependency order; close() stops them in reverse.
        this.database = Database.open(data.resolve("derby"));
        this.messageLog = new MessageLog(database);
        this.payloads = new PayloadStore(database, data.resolve("payloads"));
        payloads.recover();
        this.store = new DerbySink(messageLog, payloads);
        this.payloadAccess = new PayloadAccess(database, messageLog, store, payloads, Clock.systemUTC());
        this.inbox = new FolderInbox(data);
        this.broker = EmbeddedBroker.start(BrokerSettings.of(config.partyName(), data.resolve("artemis")));
        broker.ensureDeliveryQueue(GatewayRoutes.DEFAULT_BACKEND);
        this.camel = new DefaultCamelContext();
        camel.getCamelContextExtension().setName("imi-" + config.partyName());
        CamelJms.install(camel, broker);
        Enqueuer enqueuer = new Enqueuer(camel.createProducerTemplate());
        this.submission = new OutboundSubmission(messageLog, sender, enqueuer, Files.createDirectories(data.resolve("outbox")),
                self);
        Recovery recovery = new Recovery(messageLog, enqueuer);
        try {
            this.backends = Backends.create(config.home(), data, database, messageLog, payloadAccess, broker, submission,
                    serverTls);
        } catch (ConfigException | IOException | RuntimeException e) {
            closeQuietly();
            throw e;
        }
        try {
            // A hub's default backend is the cooperation step; it passes what is not IMI business to the inbox.
            this.cooperation = cooperation.isHub() ? Optional.of(CooperationHub.open(cooperation, database, pmodes::get,
                    config.partyName(), submission, inbox, data, Clock.systemUTC(), TranslationSettings.load(config.home())))
                    : Optional.empty();
            DeliveryListener defaultBackend = this.cooperation.isPresent() ? this.cooperation.get() : inbox;
            camel.addRoutes(new GatewayRoutes(new ChooseBackend(messageLog, backends.claims()),
                    new DeliverToBackend(messageLog, payloadAccess, this.cooperation.isPresent() ? PayloadAccess.COOPERATION_STEP
                            : GatewayRoutes.DEFAULT_BACKEND, defaultBackend),
                    new TransmitMessage(messageLog, sender, pmodes::get, sendControl), recovery, RECOVERY_PERIOD_MILLIS));
            camel.addRoutes(backends.routes());
            if (this.cooperation.isPresent()) {
                camel.addRoutes(new CooperationRoutes(this.cooperation.get(), retention().orElseThrow(), Clock.systemUTC(),
                        RECOVERY_PERIOD_MILLIS, RETENTION_PERIOD_MILLIS));
            }
            camel.start();
        } catch (ConfigException e) {
            closeQuietly();
            throw e;
        } catch (Exception e) {
            closeQuietly();
            throw new IOException("the routes cannot start: " + e.getMessage(), e);
        }
        recovery.run();
        try {
            this.publicInterface = publicInterface(data);
        } catch (ConfigException | IOException e) {
            closeQuietly();
            throw e;
        }

        InboundPipeline pipeline = new InboundPipeline(inboundSteps.apply(new InboundSteps.Parts(pmodes::get,
                config.partyName(), cryptos, new InboundHandoff(store, enqueuer))), work, parseLimits, pmodes::get);
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("as4-" + config.partyName());
        this.server = new Server(threads);
        this.httpConnector = config.httpPort() >= 0 ? httpConnector(server, config) : null;
        this.httpsConnector = config.httpsPort() >= 0
                ? httpsConnector(server, config, keys, anchors) : null;
        server.setHandler(new As4Endpoint(pipeline));

        CertificateExpiry expiry = new CertificateExpiry(ownCertificates(material, keys), pmodes::get);
        MessageStatistics statistics = new MessageStatistics(messageLog);
        Operations operations = new Operations(messageLog, enqueuer, broker, sendControl,
                name -> pmodes.get().party(name), this::reloadPModes);
        this.metrics = new GatewayMetrics(config.partyName(), statistics, broker::messageCount, sendControl, expiry,
                pmodes.get().parties().stream().map(Party::name).toList());
        this.bean = new GatewayBean(statistics, expiry, sendControl, operations, metrics);
        this.health = new Health(broker::isStarted, messageLog, data, expiry);
    }

    /** Loads the home and starts listening. */
    public static Gateway start(Path home) throws ConfigException, PModeException, IOException {
        return open(home).listen();
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
        return new Gateway(GatewayConfig.load(home), inboundSteps);
    }

    public Gateway listen() throws IOException {
        try {
            server.start();
        } catch (Exception e) {
            throw new IOException("the AS4 endpoint of '" + config.partyName() + "' cannot start: " + e.getMessage(), e);
        }
        if (opsSettings.jmxPort() >= 0 && serverTls.key().isEmpty()) {
            throw new IOException("remote JMX (jmx.port) needs a TLS server key under alias '" + TLS_SERVER_ALIAS
                    + "' in " + config.keyStore());
        }
        try {
            backends.start();
        } catch (Exception e) {
            throw new IOException("the backend connectors of '" + config.partyName() + "' cannot start: " + e.getMessage(), e);
        }
        if (publicInterface.isPresent()) {
            publicInterface.get().start();
        }
        this.ops = OpsEndpoints.open(config.partyName(), opsSettings, bean, metrics, health,
                opsSettings.jmxPort() >= 0 ? serverTls.sslContext() : null, anchors);
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
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<MessageRecord> record = messageLog.find(messageId, Direction.OUTBOUND);
            if (record.isPresent() && (record.get().status() == MessageStatus.ACKNOWLEDGED
                    || record.get().status() == MessageStatus.SEND_FAILURE || Instant.now().isAfter(deadline))) {
                return record.get();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("message " + messageId + " is not in the message log");
            }
            Thread.sleep(50);
        }
    }

    /**
     * One immediate, synchronous attempt that bypasses the queue and the message log: for
     * diagnostics and interoperability tests that want the raw outcome of a single exchange.
     */
    public SendResult send(Submission submission) {
        return sender.send(submission);
    }

    /** The sender, for callers that prepare a message once and transmit it more than once. */
    public As4Sender sender() {
        return sender;
    }

    public String partyName() {
        return config.partyName();
    }

    public PModeSet pmodes() {
        return pmodes.get();
    }

    /**
     * Loads the PMode folder again and makes it the active set, or refuses it and keeps the
     * active one. Messages already queued are sent by the set active when they are picked up.
     * Keys and the trust list of partner certificates are read at start-up only: a new
     * partner's certificates are trusted after a restart.
     *
     * @return a one-line summary of the new set
     * @throws IllegalArgumentException naming what is wrong with the files
     */
    public synchronized String reloadPModes() {
        PModeSet loaded;
        try {
            loaded = new PModeLoader().load(config.pmodes());
        } catch (PModeException | RuntimeException e) {
            LOG.warn("PMode reload refused, the active set stays: {}", e.getMessage());
            throw new IllegalArgumentException("PModes not reloaded, the active set stays: " + e.getMessage());
        }
        Optional<Party> self = loaded.party(config.partyName());
        if (self.isEmpty() || !self.get().signingCertificate().equals(pmodes.get().party(config.partyName())
                .map(Party::signingCertificate).orElse(null))) {
            String reason = self.isEmpty() ? "party '" + config.partyName() + "' is missing"
                    : "the signing certificate of party '" + config.partyName() + "' is not this gateway's key";
            LOG.warn("PMode reload refused, the active set stays: {}", reason);
            throw new IllegalArgumentException("PModes not reloaded, the active set stays: " + reason);
        }
        pmodes.set(loaded);
        String summary = loaded.parties().size() + " parties, " + loaded.legs().size() + " legs";
        LOG.info("PModes reloaded from {}: {}", config.pmodes(), summary);
        return summary;
    }

    /** What pauses and counts sends per party. */
    public SendControl sendControl() {
        return sendControl;
    }

    /** The loopback port of /metrics and /health, or -1 when off or not listening. */
    public int adminPort() {
        return ops == null ? -1 : ops.adminPort();
    }

    /** Where received messages are stored before delivery: receipts and duplicates are answered from here. */
    public DerbySink sink() {
        return store;
    }

    /** The retention schedule of a hub, to apply at a given time (the timer route applies it hourly). */
    public Optional<Retention> retention() {
        return cooperation.map(hub -> new Retention(database, hub.procedures(), messageLog, payloads, payloadAccess.audit()));
    }

    /** The gate payloads leave through: need to know, blocking, deletion, audit. */
    public PayloadAccess payloadAccess() {
        return payloadAccess;
    }

    /** The cooperation step, when this gateway is a hub ({@code gateway.role=hub}). */
    public Optional<CooperationHub> cooperationHub() {
        return cooperation;
    }

    /** The public interface, when this hub has {@code public.enabled=true}. */
    public Optional<PublicInterface> publicInterface() {
        return publicInterface;
    }

    /** The default backend: delivered messages, one folder each. */
    public FolderInbox inbox() {
        return inbox;
    }

    /** The configured backend connectors ({@code backend.*} settings). */
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
        return httpConnector == null ? -1 : httpConnector.getLocalPort();
    }

    public int httpsPort() {
        return httpsConnector == null ? -1 : httpsConnector.getLocalPort();
    }

    public List<String> endpoints() {
        List<String> endpoints = new ArrayList<>();
        if (httpConnector != null) {
            endpoints.add("http://" + config.host() + ":" + httpPort() + As4Endpoint.PATH);
        }
        if (httpsConnector != null) {
            endpoints.add("https://" + config.host() + ":" + httpsPort() + As4Endpoint.PATH);
        }
        return endpoints;
    }

    @Override
    public void close() {
        if (ops != null) {
            ops.close();
        }
        publicInterface.ifPresent(PublicInterface::close);
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("the AS4 endpoint did not stop cleanly: {}", e.getMessage());
        }
        closeQuietly();
    }

    private void closeQuietly() {
        if (backends != null) {
            backends.close();
        }
        try {
            camel.stop();
        } catch (RuntimeException e) {
            LOG.warn("the routes did not stop cleanly: {}", e.getMessage());
        }
        if (cooperation != null) {
            cooperation.ifPresent(CooperationHub::close);
        }
        broker.stop();
        database.close();
    }

    /** The public interface of a hub with {@code public.enabled=true}; it opens with {@link #listen}. */
    private Optional<PublicInterface> publicInterface(Path data) throws ConfigException, IOException {
        PublicSettings settings = PublicSettings.load(config.home());
        if (!settings.enabled()) {
            return Optional.empty();
        }
        if (cooperation.isEmpty()) {
            throw new ConfigException(config.home().resolve(GatewayConfig.FILE) + ": public.enabled=true needs gateway.role=hub");
        }
        return Optional.of(PublicInterface.create(settings, cooperation.get(), database, messageLog, submission,
                config.partyName(), serverTls, data, RECOVERY_PERIOD_MILLIS));
    }

    private static ServerConnector httpConnector(Server server, GatewayConfig config) {
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(new HttpConfiguration()));
        connector.setHost(config.host());
        connector.setPort(config.httpPort());
        server.addConnector(connector);
        return connector;
    }

    private static ServerConnector httpsConnector(Server server, GatewayConfig config, KeyStore keys,
            List<X509Certificate> anchors) throws ConfigException {
        TlsSettings tls = new TlsSettings(Optional.of(key(keys, TLS_SERVER_ALIAS, config)), chain(keys, TLS_SERVER_ALIAS),
                anchors, config.tlsProtocols(), config.tlsCipherSuites());
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setSslContext(tls.sslContext());
        ssl.setIncludeProtocols(tls.protocols().toArray(String[]::new));
        if (!tls.cipherSuites().isEmpty()) {
            ssl.setIncludeCipherSuites(tls.cipherSuites().toArray(String[]::new));
        }
        ssl.setNeedClientAuth(config.tlsClientAuth());
        HttpConfiguration https = new HttpConfiguration();
        https.addCustomizer(new SecureRequestCustomizer(false));
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                new HttpConnectionFactory(https));
        connector.setHost(config.host());
        connector.setPort(config.httpsPort());
        server.addConnector(connector);
        return connector;
    }

    private static Map<String, X509Certificate> ownCertificates(KeyMaterial material, KeyStore keys) {
        Map<String, X509Certificate> own = new LinkedHashMap<>();
        own.put(SIGNING_ALIAS, material.signingCertificate());
        own.put(ENCRYPTION_ALIAS, material.encryptionCertificate());
        for (String alias : List.of(TLS_SERVER_ALIAS, TLS_CLIENT_ALIAS)) {
            List<X509Certificate> chain = optionalChain(keys, alias);
            if (!chain.isEmpty()) {
                own.put(alias, chain.get(0));
            }
        }
        return own;
    }

    private static List<X509Certificate> trustedCertificates(KeyStore trust) throws ConfigException {
        try {
            List<X509Certificate> anchors = new ArrayList<>();
            for (String alias : Collections.list(trust.aliases())) {
                if (trust.isCertificateEntry(alias)) {
                    anchors.add((X509Certificate) trust.getCertificate(alias));
                }
            }
            if (anchors.isEmpty()) {
                throw new ConfigException("the trust store holds no trusted certificate");
            }
            return anchors;
        } catch (java.security.KeyStoreException e) {
            throw new ConfigException("the trust store cannot be read: " + e.getMessage(), e);
        }
    }

    /** The AS4 2.0 key pairs present in the party key store; a store from before 2.0 has none. */
    private static Map<SecurityProfile, ProfileKeys> profileKeys(KeyStore keys, GatewayConfig config) throws ConfigException {
        Map<SecurityProfile, ProfileKeys> found = new EnumMap<>(SecurityProfile.class);
        for (SecurityProfile profile : SecurityProfile.values()) {
            if (profile == SecurityProfile.EDELIVERY_1_15) {
                continue;
            }
            Optional<PrivateKey> signing = optionalKey(keys, profile.signingAlias(), config);
            Optional<PrivateKey> encryption = optionalKey(keys, profile.encryptionAlias(), config);
            if (signing.isPresent() && encryption.isPresent()) {
                found.put(profile, new ProfileKeys(signing.get(), chain(keys, profile.signingAlias()),
                        encryption.get(), chain(keys, profile.encryptionAlias())));
            }
        }
        return found;
    }

    private static PrivateKey key(KeyStore keys, String alias, GatewayConfig config) throws ConfigException {
        return optionalKey(keys, alias, config).orElseThrow(() -> new ConfigException(config.keyStore()
                + ": has no private key under alias '" + alias + "'"));
    }

    private static Optional<PrivateKey> optionalKey(KeyStore keys, String alias, GatewayConfig config) throws ConfigException {
        try {
            return Optional.ofNullable((PrivateKey) keys.getKey(alias, config.keyStorePassword()));
        } catch (java.security.GeneralSecurityException e) {
            throw new ConfigException(config.keyStore() + ": key '" + alias + "' cannot be read: " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> chain(KeyStore keys, String alias) throws ConfigException {
        List<X509Certificate> chain = optionalChain(keys, alias);
        if (chain.isEmpty()) {
            throw new ConfigException("the key store has no certificate chain under alias '" + alias + "'");
        }
        return chain;
    }

    private static List<X509Certificate> optionalChain(KeyStore keys, String alias) {
        try {
            Certificate[] chain = keys.getCertificateChain(alias);
            return chain == null ? List.of() : Arrays.stream(chain).map(c -> (X509Certificate) c).toList();
        } catch (java.security.KeyStoreException e) {
            return List.of();
        }
    }
}
