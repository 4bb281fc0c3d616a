package org.imigateway.backend;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;

import javax.security.auth.x500.X500Principal;

import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.imigateway.as4.TlsSettings;
import org.imigateway.config.ConfigException;
import org.imigateway.connectors.admission.AdmissionSettings;
import org.imigateway.connectors.ws.BackendAuthentication;
import org.imigateway.connectors.ws.BasicCredentials;
import org.imigateway.connectors.Connector;
import org.imigateway.connectors.ws.WebServiceConnector;
import org.imigateway.connectors.ws.WebServicePushConnector;

/**
 * A web service backend's settings:
 * <pre>
 *   backend.&lt;name&gt;.port=8443            where its SOAP service listens (0: any free port)
 *   backend.&lt;name&gt;.host=127.0.0.1       the interface to bind (default loopback)
 *   backend.&lt;name&gt;.user=..., .password=...   HTTP basic credentials of this backend
 *   backend.&lt;name&gt;.clientCertSubject=CN=..., O=...   or/and: the subject of its TLS client certificate
 *   backend.&lt;name&gt;.tls=true            HTTPS with the gateway's TLS server key (default); false for loopback tests only
 *   backend.&lt;name&gt;.pushUrl=https://...  push mode: the backend's own service (see {@link PushSettings})
 * </pre>
 */
record WebServiceSettings(String name, InetSocketAddress address, BackendAuthentication authentication, boolean tls) {

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
        Optional<BasicCredentials> basic = credentials(backend, "user", "password");
        Optional<X500Principal> subject = Optional.empty();
        Optional<String> subjectText = backend.setting("clientCertSubject");
        if (subjectText.isPresent()) {
            try {
                subject = Optional.of(new X500Principal(subjectText.get()));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key + "clientCertSubject=" + subjectText.get() + " is not an X.500 name: "
                        + e.getMessage());
            }
        }
        if (basic.isEmpty() && subject.isEmpty()) {
            throw new ConfigException(key + "user and password, or " + key + "clientCertSubject, is required:"
                    + " a web service backend must authenticate");
        }
        String tls = backend.setting("tls").orElse("true");
        if (!tls.equals("true") && !tls.equals("false")) {
            throw new ConfigException(key + "tls=" + tls + " is not true or false");
        }
        if (subject.isPresent() && tls.equals("false")) {
            throw new ConfigException(key + "clientCertSubject needs " + key + "tls=true");
        }
        InetSocketAddress address = new InetSocketAddress(backend.setting("host").orElse("127.0.0.1"), port);
        // Without TLS the password travels in clear: allowed only where nobody else can listen.
        if (tls.equals("false") && (address.isUnresolved() || !address.getAddress().isLoopbackAddress())) {
            throw new ConfigException(key + "tls=false is allowed only on a loopback host, not "
                    + address.getHostString() + ": the password would travel in clear");
        }
        return new WebServiceSettings(backend.name(), address, new BackendAuthentication(basic, subject),
                Boolean.parseBoolean(tls));
    }

    /** HTTP basic credentials from a user key and its password key; a user without a password is refused. */
    static Optional<BasicCredentials> credentials(BackendSettings backend, String userKey, String passwordKey)
            throws ConfigException {
        String key = BackendSettings.PREFIX + backend.name() + ".";
        Optional<String> user = backend.setting(userKey);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        String password = backend.setting(passwordKey).orElseThrow(() -> new ConfigException(key
                + passwordKey + " is required for " + userKey + " '" + user.get() + "'"));
        try {
            return Optional.of(new BasicCredentials(user.get(), password));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + userKey + ": " + e.getMessage());
        }
    }

    WebServiceConnector connector(Path dataDir, TlsSettings serverTls, AdmissionSettings admission) throws ConfigException {
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
            // Asked, not needed: a backend on user and password has no certificate to show.
            factory.setWantClientAuth(authentication.clientCertificate().isPresent());
            ssl = Optional.of(factory);
        }
        return new WebServiceConnector(name, address, authentication, ssl,
                dataDir.resolve("work").resolve("ws-" + name), admission);
    }

    /** The pull connector, wrapped in the push connector when {@code pushUrl} is set. */
    Connector connector(BackendSettings backend, Path dataDir, TlsSettings serverTls, TlsSettings clientTls,
            AdmissionSettings admission) throws ConfigException {
        WebServiceConnector pull = connector(dataDir, serverTls, admission);
        Optional<WebServicePushConnector.Target> push = PushSettings.target(backend, clientTls);
        return push.isPresent() ? new WebServicePushConnector(name, pull, push.get()) : pull;
    }
}
