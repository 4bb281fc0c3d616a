package org.imigateway;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.imigateway.as4.As4Endpoint;
import org.imigateway.as4.TlsSettings;
import org.imigateway.as4.inflow.InboundPipeline;
import org.imigateway.certificates.PartyKit;
import org.imigateway.config.ConfigException;
import org.imigateway.config.GatewayConfig;

/**
 * The port partners reach: {@code POST /as4} on Jetty, over HTTP and/or HTTPS as
 * {@code http.port} and {@code https.port} say (-1 turns one off).
 */
final class As4Server {

    private final GatewayConfig config;
    private final Server server;
    private final ServerConnector http;
    private final ServerConnector https;

    As4Server(GatewayConfig config, TlsSettings tls, InboundPipeline pipeline) throws ConfigException {
        this.config = config;
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("as4-" + config.partyName());
        this.server = new Server(threads);
        this.http = config.httpPort() >= 0 ? connector(new HttpConnectionFactory(new HttpConfiguration()),
                config.httpPort()) : null;
        this.https = config.httpsPort() >= 0 ? httpsConnector(tls) : null;
        server.setHandler(new As4Endpoint(pipeline));
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

    private ServerConnector httpsConnector(TlsSettings tls) throws ConfigException {
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
        HttpConfiguration secure = new HttpConfiguration();
        secure.addCustomizer(new SecureRequestCustomizer(false));
        return connector(new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(secure), config.httpsPort());
    }

    private ServerConnector connector(org.eclipse.jetty.server.ConnectionFactory first, int port) {
        return connector(first, null, port);
    }

    private ServerConnector connector(org.eclipse.jetty.server.ConnectionFactory first,
            org.eclipse.jetty.server.ConnectionFactory second, int port) {
        ServerConnector connector = second == null ? new ServerConnector(server, first)
                : new ServerConnector(server, first, second);
        connector.setHost(config.host());
        connector.setPort(port);
        server.addConnector(connector);
        return connector;
    }
}
