package org.imigateway.ops;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MalformedURLException;
import java.rmi.NotBoundException;
import java.rmi.Remote;
import java.rmi.RemoteException;
import java.rmi.registry.LocateRegistry;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.management.remote.JMXAuthenticator;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXPrincipal;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnector;
import javax.management.remote.rmi.RMIConnectorServer;
import javax.management.remote.rmi.RMIJRMPServerImpl;
import javax.management.remote.rmi.RMIServer;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.security.auth.Subject;

import org.imigateway.as4.TlsSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform MBean server over RMI, for operators on other machines and for the command line:
 * TLS with the gateway's TLS server key on the registry and on the connector, both listening on
 * {@code jmx.host} only, one user and password. The registry is read-only ({@link ReadOnlyRegistry}),
 * so no process can put another stub under {@value #BINDING}; the client logs in only through a
 * TLS connection to the gateway's own certificate ({@link PinnedStub}, {@link TlsClientSockets}).
 */
public final class RemoteJmx implements AutoCloseable {

    public static final String BINDING = "jmxrmi";

    private static final Logger LOG = LoggerFactory.getLogger(RemoteJmx.class);

    private final ReadOnlyRegistry registry;
    private final RMIConnectorServer connector;
    private final HostTlsServerSockets sockets;
    private final JMXServiceURL address;

    private RemoteJmx(ReadOnlyRegistry registry, RMIConnectorServer connector, HostTlsServerSockets sockets,
            JMXServiceURL address) {
        this.registry = registry;
        this.connector = connector;
        this.sockets = sockets;
        this.address = address;
    }

    /**
     * Starts the registry on host:port and the connector on host:connectorPort (0: any free port);
     * the password is checked in constant time.
     */
    public static RemoteJmx start(String host, int port, int connectorPort, String user, char[] password,
            TlsSettings tls) throws IOException {
        if (System.getProperty("java.rmi.server.hostname") == null) {
            // RMI stubs name the host to call back; the default (this machine's name) may not match the certificate.
            System.setProperty("java.rmi.server.hostname", host);
        }
        X509Certificate own = tls.chain().isEmpty() ? null : tls.chain().get(0);
        if (tls.key().isEmpty() || own == null) {
            throw new IOException("remote JMX needs the gateway's TLS server key and certificate");
        }
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(tls.protocols().toArray(String[]::new));
        if (!tls.cipherSuites().isEmpty()) {
            parameters.setCipherSuites(tls.cipherSuites().toArray(String[]::new));
        }
        HostTlsServerSockets serverSockets = new HostTlsServerSockets(tls.sslContext(), parameters,
                InetAddress.getByName(host));
        TlsClientSockets clientSockets = new TlsClientSockets(own);
        Map<String, Object> environment = new HashMap<>();
        environment.put(JMXConnectorServer.AUTHENTICATOR, authenticator(user, password));
        // Only strings may be deserialised as credentials: no gadget chains through the login.
        environment.put(RMIConnectorServer.CREDENTIALS_FILTER_PATTERN, "java.lang.String;!*");
        environment.put(RMIConnectorServer.RMI_CLIENT_SOCKET_FACTORY_ATTRIBUTE, clientSockets);
        environment.put(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, serverSockets);
        RMIJRMPServerImpl server = new RMIJRMPServerImpl(connectorPort, clientSockets, serverSockets, environment);
        // The connector's own address has no JNDI part: it must not bind itself; the registry serves its stub.
        RMIConnectorServer connector = new RMIConnectorServer(new JMXServiceURL("service:jmx:rmi://" + host),
                environment, server, ManagementFactory.getPlatformMBeanServer());
        ReadOnlyRegistry registry = null;
        try {
            connector.start();
            registry = ReadOnlyRegistry.start(serverSockets, port, BINDING, server.toStub());
        } catch (IOException | RuntimeException e) {
            try {
                connector.stop();
            } catch (IOException | RuntimeException stopFailure) {
                e.addSuppressed(stopFailure);
            }
            throw new IOException("remote JMX cannot start on " + host + ":" + port + ": " + e, e);
        }
        JMXServiceURL address = url(host, registry.port());
        LOG.info("remote JMX listening at {} (TLS, user {}; read-only registry; listening on {})",
                address, user, serverSockets.bound());
        return new RemoteJmx(registry, connector, serverSockets, address);
    }

    /**
     * Connects to a gateway's remote JMX, trusting only the gateway's own TLS certificate. The
     * registry and the connector must both present it, and the connector stub must be a TLS
     * one, before the user and password are sent.
     *
     * @throws UntrustedJmxServerException when either is not the gateway (nothing was sent)
     * @throws SecurityException when the gateway refuses the user or password
     * @throws IOException when nothing answers
     */
    public static JMXConnector connect(String host, int port, String user, char[] password,
            X509Certificate gatewayCertificate) throws IOException {
        TlsClientSockets pinned = new TlsClientSockets(gatewayCertificate);
        String registryAt = "the JMX registry at " + host + ":" + port;
        Remote found;
        try {
            found = LocateRegistry.getRegistry(host, port, pinned).lookup(BINDING);
        } catch (NotBoundException e) {
            throw new UntrustedJmxServerException(registryAt + " has no '" + BINDING + "'", e);
        } catch (RemoteException e) {
            throw untrustedOr(e, registryAt);
        }
        String connectorAt = "the stub under '" + BINDING + "' of " + registryAt;
        RMIServer server = PinnedStub.of(found, pinned, connectorAt);
        try {
            server.getVersion(); // a call without credentials: the TLS handshake proves the connector first
        } catch (RemoteException e) {
            throw untrustedOr(e, connectorAt);
        }
        Map<String, Object> environment = new HashMap<>();
        environment.put(JMXConnector.CREDENTIALS, new String[] {user, new String(password)});
        RMIConnector connector = new RMIConnector(server, environment);
        connector.connect();
        return connector;
    }

    /** A failed TLS handshake means the far side is not the gateway; anything else is unreachable. */
    private static IOException untrustedOr(RemoteException e, String where) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateException) {
                return new UntrustedJmxServerException(where + " is not the gateway: " + cause.getMessage(), e);
            }
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SSLException) {
                return new UntrustedJmxServerException(where + " does not speak TLS as the gateway does: "
                        + cause.getMessage(), e);
            }
        }
        return e;
    }

    /** The registry's port: {@code jmx.port}, or the port chosen when that was 0. */
    public int registryPort() {
        return registry.port();
    }

    /** Where the registry and the connector listen, read back from their listening sockets. */
    public List<InetSocketAddress> listeningAddresses() {
        return sockets.bound();
    }

    public JMXServiceURL address() {
        return address;
    }

    @Override
    public void close() {
        try {
            connector.stop();
        } catch (IOException e) {
            LOG.warn("remote JMX did not stop cleanly: {}", e.getMessage());
        }
        registry.close();
    }

    private static JMXAuthenticator authenticator(String user, char[] password) {
        byte[] expected = (user + "\n" + new String(password)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return credentials -> {
            if (credentials instanceof String[] pair && pair.length == 2 && pair[0] != null && pair[1] != null) {
                byte[] given = (pair[0] + "\n" + pair[1]).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                if (MessageDigest.isEqual(expected, given)) {
                    return new Subject(true, Set.of(new JMXPrincipal(pair[0])), Set.of(), Set.of());
                }
            }
            LOG.warn("remote JMX: a login was refused");
            throw new SecurityException("wrong user or password");
        };
    }

    private static JMXServiceURL url(String host, int port) throws MalformedURLException {
        return new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + host + ":" + port + "/" + BINDING);
    }
}
