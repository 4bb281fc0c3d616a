package org.imigateway.backend;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;

import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.imigateway.as4.TlsSettings;
import org.imigateway.config.ConfigException;
import org.imigateway.connectors.ws.BasicCredentials;
import org.imigateway.connectors.ws.WebServiceConnector;

/**
 * A web service backend's settings:
 * <pre>
 *   backend.&lt;name&gt;.port=8443            where its SOAP service listens (0: any free port)
 *   backend.&lt;name&gt;.host=127.0.0.1       the interface to bind (default loopback)
 *   backend.&lt;name&gt;.user=..., .password=...   HTTP basic credentials of this backend (required)
 *   backend.&lt;name&gt;.tls=true            HTTPS with the gateway's TLS server key (default); false for loopback tests only
 * </pre>
 */
record WebServiceSettings(String name, InetSocketAddress address, BasicCredentials credentials, boolean tls) {

    static WebServiceSettings of(BackendSettings backend) throws ConfigException {
        String key = BackendSettings.PREFIX + backend.name() + ".";
        String portText = backend.setting("port").orElseThrow(() -> new ConfigException(key
                + "port is required for a web service backend (0 takes any free port)"));
        int port;
        try {
            port = Integer.parseInt(portText);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new ConfigException(key + "port=" + portText + " is not a port number 0..65535");
        }
        String user = backend.setting("user").orElseThrow(() -> new ConfigException(key
                + "user is required: a web service backend authenticates with user and password"));
        String password = backend.setting("password").orElseThrow(() -> new ConfigException(key
                + "password is required for user '" + user + "'"));
        BasicCredentials credentials;
        try {
            credentials = new BasicCredentials(user, password);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + "user: " + e.getMessage());
        }
        String tls = backend.setting("tls").orElse("true");
        if (!tls.equals("true") && !tls.equals("false")) {
            throw new ConfigException(key + "tls=" + tls + " is not true or false");
        }
        return new WebServiceSettings(backend.name(),
                new InetSocketAddress(backend.setting("host").orElse("127.0.0.1"), port), credentials,
                Boolean.parseBoolean(tls));
    }

    WebServiceConnector connector(Path dataDir, TlsSettings serverTls) throws ConfigException {
        Optional<SslContextFactory.Server> ssl = Optional.empty();
        if (tls) {
            if (serverTls.key().isEmpty()) {
                throw new ConfigException(BackendSettings.PREFIX + name + ".tls=true needs the gateway's TLS server"
                        + " key in the key store; without it set tls=false (the password then travels in clear)");
            }
            SslContextFactory.Server factory = new SslContextFactory.Server();
            factory.setSslContext(serverTls.sslContext());
            factory.setIncludeProtocols(serverTls.protocols().toArray(String[]::new));
            if (!serverTls.cipherSuites().isEmpty()) {
                factory.setIncludeCipherSuites(serverTls.cipherSuites().toArray(String[]::new));
            }
            ssl = Optional.of(factory);
        }
        return new WebServiceConnector(name, address, credentials, ssl,
                dataDir.resolve("work").resolve("ws-" + name));
    }
}
