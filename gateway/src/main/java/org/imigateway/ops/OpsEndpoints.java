package org.imigateway.ops;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Optional;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.imigateway.as4.TlsSettings;
import org.imigateway.connectors.admission.AdmissionSettings;
import org.imigateway.connectors.admission.HardenedServer;
import org.imigateway.connectors.admission.OverloadAnswer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The doors operators use, opened when the gateway listens and closed with it: the gateway MBean
 * on the platform MBean server, {@code /metrics} and {@code /health} on a loopback-only admin
 * port (not on the AS4 connectors, which partners reach), remote JMX over TLS, and the
 * submission endpoint ({@link SubmitServer}) when configured.
 */
public final class OpsEndpoints implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OpsEndpoints.class);

    private final String party;
    private final Server admin;
    private final ServerConnector adminConnector;
    private final RemoteJmx remoteJmx;
    private final GatewayMetrics metrics;
    private final SubmitServer submit;

    private OpsEndpoints(String party, Server admin, ServerConnector adminConnector, RemoteJmx remoteJmx,
            GatewayMetrics metrics, SubmitServer submit) {
        this.party = party;
        this.admin = admin;
        this.adminConnector = adminConnector;
        this.remoteJmx = remoteJmx;
        this.metrics = metrics;
        this.submit = submit;
    }

    /** @param submit the submission endpoint, not yet started, when {@code submit.port} is set */
    public static OpsEndpoints open(String party, OpsSettings settings, GatewayBean bean, GatewayMetrics metrics,
            Health health, TlsSettings tls, AdmissionSettings adminAdmission, Optional<SubmitServer> submit)
            throws IOException {
        bean.register(party);
        Server admin = null;
        ServerConnector connector = null;
        RemoteJmx remote = null;
        try {
            if (settings.adminPort() >= 0) {
                HardenedServer hardened = HardenedServer.create("admin-" + party, adminAdmission);
                admin = hardened.server();
                connector = hardened.connector(InetAddress.getLoopbackAddress().getHostAddress(), settings.adminPort(),
                        Optional.empty());
                hardened.handler(new AdminEndpoint(metrics, health), OverloadAnswer.plainText());
                admin.start();
                LOG.info("admin endpoint of '{}': http://{}:{}{} and {}", party, connector.getHost(),
                        connector.getLocalPort(), AdminEndpoint.METRICS, AdminEndpoint.HEALTH);
            }
            if (settings.jmxPort() >= 0) {
                remote = RemoteJmx.start(settings.jmxHost(), settings.jmxPort(), settings.jmxConnectorPort(),
                        settings.jmxUser(), settings.jmxPassword().orElseThrow(), tls);
            }
            if (submit.isPresent()) {
                submit.get().start();
                LOG.info("submission endpoint of '{}': https://{}:{}{}", party, submit.get().host(), submit.get().port(),
                        SubmitEndpoint.MESSAGES);
            }
        } catch (Exception e) {
            new OpsEndpoints(party, admin, connector, remote, metrics, submit.orElse(null)).close();
            throw new IOException("the operations endpoints of '" + party + "' cannot start: " + e.getMessage(), e);
        }
        return new OpsEndpoints(party, admin, connector, remote, metrics, submit.orElse(null));
    }

    /** The submission endpoint's port, or -1 when off. */
    public int submitPort() {
        return submit == null ? -1 : submit.port();
    }

    /** The admin port actually bound, or -1 when off. */
    public int adminPort() {
        return adminConnector == null ? -1 : adminConnector.getLocalPort();
    }

    public Optional<RemoteJmx> remoteJmx() {
        return Optional.ofNullable(remoteJmx);
    }

    @Override
    public void close() {
        if (submit != null) {
            try {
                submit.close();
            } catch (Exception e) {
                LOG.warn("the submission endpoint did not stop cleanly: {}", e.getMessage());
            }
        }
        if (remoteJmx != null) {
            remoteJmx.close();
        }
        if (admin != null) {
            try {
                admin.stop();
            } catch (Exception e) {
                LOG.warn("the admin endpoint did not stop cleanly: {}", e.getMessage());
            }
        }
        GatewayBean.unregister(party);
        metrics.close();
    }
}
