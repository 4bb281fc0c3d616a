package org.imigateway.ops;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.MalformedURLException;
import java.rmi.NoSuchObjectException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.UnicastRemoteObject;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.management.remote.JMXAuthenticator;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXPrincipal;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import javax.management.remote.rmi.RMIJRMPServerImpl;
import javax.net.ssl.SSLContext;
import javax.rmi.ssl.SslRMIServerSocketFactory;
import javax.security.auth.Subject;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform MBean server over RMI, for operators on other machines and for the command line:
 * TLS on the registry and on the connection (the gateway's TLS server key), one user and
 * password. Registry and connector share one port, so one firewall rule opens it.
 */
public final class RemoteJmx implements AutoCloseable {

    public static final String BINDING = "jmxrmi";

    private static final Logger LOG = LoggerFactory.getLogger(RemoteJmx.class);

    private final Registry registry;
    private final RMIConnectorServer connector;
    private final JMXServiceURL address;

    private RemoteJmx(Registry registry, RMIConnectorServer connector, JMXServiceURL address) {
        this.registry = registry;
        this.connector = connector;
        this.address = address;
    }

    /** Starts listening on host:port; the password is checked in constant time. */
    public static RemoteJmx start(String host, int port, String user, char[] password, SSLContext tls,
            List<X509Certificate> anchors) throws IOException {
        if (System.getProperty("java.rmi.server.hostname") == null) {
            // RMI stubs name the host to call back; the default (this machine's name) may not match the certificate.
            System.setProperty("java.rmi.server.hostname", host);
        }
        TlsClientSockets clientSockets = new TlsClientSockets(anchors);
        SslRMIServerSocketFactory serverSockets = new SslRMIServerSocketFactory(tls, null, null, false);
        Registry registry = LocateRegistry.createRegistry(port, clientSockets, serverSockets);
        Map<String, Object> environment = new HashMap<>();
        environment.put(JMXConnectorServer.AUTHENTICATOR, authenticator(user, password));
        // Only strings may be deserialised as credentials: no gadget chains through the login.
        environment.put(RMIConnectorServer.CREDENTIALS_FILTER_PATTERN, "java.lang.String;!*");
        environment.put(RMIConnectorServer.RMI_CLIENT_SOCKET_FACTORY_ATTRIBUTE, clientSockets);
        environment.put(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, serverSockets);
        RMIJRMPServerImpl server = new RMIJRMPServerImpl(port, clientSockets, serverSockets, environment);
        JMXServiceURL address = url(host, port);
        // The connector's own address has no JNDI part: it must not bind itself; the stub is bound below.
        RMIConnectorServer connector = new RMIConnectorServer(new JMXServiceURL("service:jmx:rmi://" + host + ":" + port),
                environment, server,
                ManagementFactory.getPlatformMBeanServer());
        try {
            connector.start();
            // Bound through the local registry object: nothing is serialised into the registry.
            registry.bind(BINDING, server.toStub());
        } catch (IOException | java.rmi.AlreadyBoundException | RuntimeException e) {
            try {
                connector.stop();
            } catch (IOException | RuntimeException stopFailure) {
                e.addSuppressed(stopFailure);
            }
            UnicastRemoteObject.unexportObject(registry, true);
            throw new IOException("remote JMX cannot start on " + host + ":" + port + ": " + e, e);
        }
        LOG.info("remote JMX listening at {} (TLS, user {})", address, user);
        return new RemoteJmx(registry, connector, address);
    }

    /** Connects to a gateway's remote JMX; the anchors are the CA certificates its TLS certificate chains to. */
    public static JMXConnector connect(String host, int port, String user, char[] password,
            List<X509Certificate> anchors) throws IOException {
        Map<String, Object> environment = new HashMap<>();
        environment.put(JMXConnector.CREDENTIALS, new String[] {user, new String(password)});
        environment.put("com.sun.jndi.rmi.factory.socket", new TlsClientSockets(anchors));
        return JMXConnectorFactory.connect(url(host, port), environment);
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
        try {
            UnicastRemoteObject.unexportObject(registry, true);
        } catch (NoSuchObjectException e) {
            LOG.debug("the JMX registry was already gone");
        }
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
        return new JMXServiceURL("service:jmx:rmi://" + host + ":" + port + "/jndi/rmi://" + host + ":" + port + "/" + BINDING);
    }
}
