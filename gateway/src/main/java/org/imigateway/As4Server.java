package org.imigateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.imigateway.as4.As4Endpoint;
import org.imigateway.as4.BusySignal;
import org.imigateway.as4.TlsSettings;
import org.imigateway.as4.inflow.InboundPipeline;
import org.imigateway.certificates.PartyKit;
import org.imigateway.config.ConfigException;
import org.imigateway.config.GatewayConfig;
import org.imigateway.connectors.admission.AdmissionSettings;
import org.imigateway.connectors.admission.HardenedServer;

/**
 * The port partners reach: {@code POST /as4} on Jetty, over HTTP and/or HTTPS as
 * {@code http.port} and {@code https.port} say (-1 turns one off), behind the admission rules
 * of {@code admission.as4.*} (an overloaded port answers 503 with an ebMS error and Retry-After).
 */
final class As4Server {

    private final GatewayConfig config;
    private final Server server;
    private final ServerConnector http;
    private final ServerConnector https;

    As4Server(GatewayConfig config, TlsSettings tls, AdmissionSettings admission, InboundPipeline pipeline)
            throws ConfigException {
        this.config = config;
        HardenedServer hardened = HardenedServer.create("as4-" + config.partyName(), admission);
        this.server = hardened.server();
        this.http = config.httpPort() >= 0 ? hardened.connector(config.host(), config.httpPort(), Optional.empty()) : null;
        this.https = config.httpsPort() >= 0
                ? hardened.connector(config.host(), config.httpsPort(), Optional.of(sslContextFactory(tls))) : null;
        hardened.handler(new As4Endpoint(pipeline), new BusySignal());
    }

    void start() throws Exception {
        server.start();
    }

    void stop() throws Exception {
        server.stop();
    }

    int httpPort() {
        return http == null ? -1 : http.getLocalPort();
    }

    int httpsPort() {
        return https == null ? -1 : https.getLocalPort();
    }

    List<String> endpoints() {
        List<String> endpoints = new ArrayList<>();
        if (http != null) {
            endpoints.add("http://" + config.host() + ":" + httpPort() + As4Endpoint.PATH);
        }
        if (https != null) {
            endpoints.add("https://" + config.host() + ":" + httpsPort() + As4Endpoint.PATH);
        }
        return endpoints;
    }

    private SslContextFactory.Server sslContextFactory(TlsSettings tls) throws ConfigException {
        if (tls.key().isEmpty()) {
            throw new ConfigException(config.keyStore() + ": https.port is set but there is no private key under alias '"
                    + PartyKit.TLS_SERVER_ALIAS + "'");
        }
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setSslContext(tls.sslContext());
        ssl.setIncludeProtocols(tls.protocols().toArray(String[]::new));
        if (!tls.cipherSuites().isEmpty()) {
            ssl.setIncludeCipherSuites(tls.cipherSuites().toArray(String[]::new));
        }
        ssl.setNeedClientAuth(config.tlsClientAuth());
        return ssl;
    }
}
