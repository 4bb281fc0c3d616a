package org.imigateway.cooperation.publicapi;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.imigateway.connectors.GatewayPort;
import org.imigateway.connectors.admission.AdmissionSettings;
import org.imigateway.connectors.admission.HardenedServer;
import org.imigateway.cooperation.CooperationHub;
import org.imigateway.port.Queues;
import org.imigateway.port.SentMessages;
import org.imigateway.port.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public interface of a hub: the HTTPS endpoint on its own port (the gateway's TLS server
 * key; a client certificate is asked for, not required, and must chain to the gateway's trust
 * anchors) and, for the hub's Camel context, the routes that send accepted submissions on
 * ({@link #routes}).
 */
public final class PublicInterface implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PublicInterface.class);

    private final PublicSubmissions submissions;
    private final PublicForwarding forwarding;
    private final SubmissionStore store;
    private final Server server;
    private final ServerConnector connector;

    private PublicInterface(PublicSubmissions submissions, PublicForwarding forwarding, SubmissionStore store,
            Server server, ServerConnector connector) {
        this.submissions = submissions;
        this.forwarding = forwarding;
        this.store = store;
        this.server = server;
        this.connector = connector;
    }

    /**
     * Makes the public interface of a hub; {@link #start} opens it.
     *
     * @param database the access point's database, where accepted submissions are kept
     * @param sentMessages where what the hub sent on stands
     * @param outbound the hub's durable submit path
     * @param tls      the gateway's TLS server side, empty when it has no TLS server key
     * @param queue    the durable queue of the {@code public-forward} route
     * @param dataDir  the gateway's data folder; documents are kept under {@code public/}
     * @param admission the admission rules of its port
     */
    public static PublicInterface create(PublicSettings settings, CooperationHub hub, Transactions database,
            SentMessages sentMessages, GatewayPort outbound, ForwardQueue queue, String hubParty,
            Optional<SslContextFactory.Server> tls, Path dataDir, AdmissionSettings admission) throws IOException {
        if (tls.isEmpty()) {
            throw new IOException("the public interface needs the gateway's TLS server key (alias 'tls-server')");
        }
        SubmissionStore store = new SubmissionStore(database);
        PublicSubmissions submissions = new PublicSubmissions(new CompetentAuthority(hub.procedures(), hub.directory()),
                store, sentMessages, dataDir.resolve("public"), hubParty, Clock.systemUTC(),
                new SubmissionCheck(settings.maxDepth(), settings.maxElements()));
        PublicForwarding forwarding = new PublicForwarding(store, outbound, queue, (filed, sender) -> hub.recordFiling(
                filed.type(), filed.procedure(), filed.trackingId(), filed.authority(), filed.accessPoint(), sender,
                filed.messageId(), filed.payload()), settings.sender(), Clock.systemUTC());
        PublicEndpoint endpoint = new PublicEndpoint(submissions, new ClientAuthentication(settings.clients()),
                new RateLimiter(settings.ratePerMinute(), Clock.systemUTC()), settings.maxBytes(), forwarding);
        HardenedServer hardened = HardenedServer.create("public-" + hubParty, admission);
        SslContextFactory.Server ssl = tls.get();
        ssl.setWantClientAuth(true);
        ServerConnector connector = hardened.connector(settings.host(), settings.port(), Optional.of(ssl));
        hardened.handler(endpoint, JsonAnswer.busy());
        return new PublicInterface(submissions, forwarding, store, hardened.server(), connector);
    }

    /**
     * {@code public-forward} and {@code public-recovery}: add them with the hub's routes, whether or
     * not the port is opened, so what was accepted before a stop is sent on.
     *
     * @param queues         the broker's transacted consumers
     * @param recoveryMillis how often the recovery pass runs; it runs at start too
     */
    public PublicRoutes routes(Queues queues, long recoveryMillis) {
        return new PublicRoutes(queues, forwarding, recoveryMillis);
    }

    public PublicInterface start() throws IOException {
        try {
            server.start();
        } catch (Exception e) {
            throw new IOException("the public interface cannot start on port " + connector.getPort() + ": "
                    + e.getMessage(), e);
        }
        LOG.info("public interface listening on https://{}:{}{}", connector.getHost(), port(), PublicEndpoint.SUBMISSIONS);
        return this;
    }

    /** The port it listens on, or -1 before {@link #start}. */
    public int port() {
        return connector.getLocalPort();
    }

    public PublicSubmissions submissions() {
        return submissions;
    }

    public PublicForwarding forwarding() {
        return forwarding;
    }

    /** The accepted submissions, for operators and tests. */
    public SubmissionStore store() {
        return store;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("the public interface did not stop cleanly: {}", e.getMessage());
        }
    }
}
