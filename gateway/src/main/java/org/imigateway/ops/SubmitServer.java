package org.imigateway.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.imigateway.as4.TlsSettings;
import org.imigateway.as4.WorkFolders;
import org.imigateway.connectors.GatewayPort;
import org.imigateway.connectors.admission.AdmissionSettings;
import org.imigateway.connectors.admission.HardenedServer;
import org.imigateway.connectors.admission.OverloadAnswer;
import org.imigateway.store.MessageLog;

/**
 * The submission endpoint's own HTTPS port ({@code submit.port}, on {@code submit.host}, loopback
 * by default), behind the port's admission rules ({@code admission.submit.*}). A port of its own
 * rather than the admin port: that one is plain HTTP without credentials for scrapers and load
 * balancers' health checks, sized for small GETs, while this one takes payloads from
 * authenticated operators over TLS.
 */
public final class SubmitServer implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;

    private SubmitServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /**
     * @param work the gateway's work folder; uploads are spooled under {@code submit/} and a
     *             left-over of a crash is removed here
     */
    public static SubmitServer create(String party, SubmitSettings settings, TlsSettings tls, GatewayPort gateway,
            MessageLog log, Path work, AdmissionSettings admission) throws IOException {
        if (tls.key().isEmpty()) {
            throw new IOException("the submission endpoint (submit.port) needs the gateway's TLS server key (alias 'tls-server')");
        }
        Path uploads = work.resolve("submit");
        WorkFolders.deleteQuietly(uploads);
        Files.createDirectories(uploads);
        HardenedServer hardened = HardenedServer.create("submit-" + party, admission);
        ServerConnector connector = hardened.connector(settings.host(), settings.port(), Optional.of(tls.jettyServer()));
        hardened.handler(new SubmitEndpoint(new OperatorTokens(settings.tokenHashes()), gateway, log,
                settings.maxBytes(), uploads), OverloadAnswer.plainText());
        return new SubmitServer(hardened.server(), connector);
    }

    void start() throws Exception {
        server.start();
    }

    public String host() {
        return connector.getHost();
    }

    /** The port it listens on, or -1 before it started. */
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
