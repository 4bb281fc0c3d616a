package org.imigateway.cooperation.publicapi;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.imigateway.connectors.GatewayPort;
import org.imigateway.connectors.admission.AdmissionSettings;
import org.imigateway.connectors.admission.HardenedServer;
import org.imigateway.connectors.admission.OverloadAnswer;
import org.imigateway.cooperation.CooperationHub;
import org.imigateway.port.SentMessages;
import org.imigateway.port.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public interface of a hub, running: the HTTPS endpoint on its own port (the gateway's TLS
 * server key; a client certificate is asked for, not required, and must chain to the gateway's
 * trust anchors), one thread that sends accepted submissions on, and a recovery pass at start
 * and then periodically for those accepted but not sent on before a stop or crash.
 */
public final class PublicInterface implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PublicInterface.class);

    private final PublicSubmissions submissions;
    private final SubmissionStore store;
    private final Server server;
    private final ServerConnector connector;
    private final ExecutorService forwarder;
    private final ScheduledExecutorService recovery;
    private final long recoveryMillis;

    private PublicInterface(PublicSubmissions submissions, SubmissionStore store, Server server, ServerConnector connector,
            ExecutorService forwarder, ScheduledExecutorService recovery, long recoveryMillis) {
        this.submissions = submissions;
        this.store = store;
        this.server = server;
        this.connector = connector;
        this.forwarder = forwarder;
        this.recovery = recovery;
        this.recoveryMillis = recoveryMillis;
    }

    /**
     * Makes the public interface of a hub; {@link #start} opens it.
     *
     * @param database the access point's database, where accepted submissions are kept
     * @param sentMessages where what the hub sent on stands
     * @param outbound the hub's durable submit path
     * @param tls      the gateway's TLS server side, empty when it has no TLS server key
     * @param dataDir  the gateway's data folder; documents are kept under {@code public/}
     * @param admission the admission rules of its port
     */
    public static PublicInterface create(PublicSettings settings, CooperationHub hub, Transactions database,
            SentMessages sentMessages, GatewayPort outbound, String hubParty, Optional<SslContextFactory.Server> tls,
            Path dataDir, long recoveryMillis, AdmissionSettings admission) throws IOException {
        if (tls.isEmpty()) {
            throw new IOException("the public interface needs the gateway's TLS server key (alias 'tls-server')");
        }
        SubmissionStore store = new SubmissionStore(database);
        PublicSubmissions submissions = new PublicSubmissions(new CompetentAuthority(hub.procedures(), hub.directory()),
                store, sentMessages, outbound, dataDir.resolve("public"), hubParty,
                settings.sender(), Clock.systemUTC(), (filed, sender) -> hub.recordFiling(filed.type(), filed.procedure(),
                        filed.trackingId(), filed.authority(), filed.accessPoint(), sender, filed.messageId(), filed.payload()),
                new SubmissionCheck(settings.maxDepth(), settings.maxElements()));
        ExecutorService forwarder = Executors.newSingleThreadExecutor(r -> daemon(r, "public-forward"));
        PublicEndpoint endpoint = new PublicEndpoint(submissions, new ClientAuthentication(settings.clients()),
                new RateLimiter(settings.ratePerMinute(), Clock.systemUTC()), settings.maxBytes(), forwarder);
        HardenedServer hardened = HardenedServer.create("public-" + hubParty, admission);
        SslContextFactory.Server ssl = tls.get();
        ssl.setWantClientAuth(true);
        ServerConnector connector = hardened.connector(settings.host(), settings.port(), Optional.of(ssl));
        hardened.handler(endpoint, OverloadAnswer.json());
        return new PublicInterface(submissions, store, hardened.server(), connector, forwarder,
                Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "public-recovery")), recoveryMillis);
    }

    public PublicInterface start() throws IOException {
        try {
            server.start();
        } catch (Exception e) {
            throw new IOException("the public interface cannot start on port " + connector.getPort() + ": "
                    + e.getMessage(), e);
        }
        recovery.scheduleWithFixedDelay(() -> {
            int pending = submissions.recover();
            if (pending > 0) {
                LOG.info("public interface recovery: {} accepted submission(s) sent on", pending);
            }
        }, 0, recoveryMillis, TimeUnit.MILLISECONDS);
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
        recovery.shutdownNow();
        forwarder.shutdown();
        try {
            forwarder.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
