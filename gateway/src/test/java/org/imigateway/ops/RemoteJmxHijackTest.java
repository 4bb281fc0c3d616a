package org.imigateway.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.RMIClientSocketFactory;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.management.MBeanServerFactory;
import javax.management.remote.JMXAuthenticator;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import javax.management.remote.rmi.RMIJRMPServerImpl;
import javax.net.ssl.SSLParameters;
import javax.rmi.ssl.SslRMIServerSocketFactory;

import org.imigateway.as4.TlsSettings;
import org.imigateway.certificates.PartyKit;
import org.imigateway.certificates.Stores;
import org.imigateway.cli.CommandRun;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.config.GatewayConfig;
import org.imigateway.testsupport.FreePort;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote JMX cannot be hijacked (issue 18, show 5): another process cannot change the registry,
 * the command line logs in only to a TLS connector with the gateway's own certificate, and the
 * registry and the connector listen on {@code jmx.host} only. The attacks are played for real:
 * a second JVM, and registries and connectors of the attacker's that record any credentials.
 */
class RemoteJmxHijackTest {

    private static final char[] PASSWORD = "s3cret-operator".toCharArray();
    private static final String LOOPBACK = "127.0.0.1";

    @TempDir
    static Path dir;
    static DemoNetwork network;
    /** The gateway's TLS (gw-a) and another party's from the same CA (gw-b). */
    static TlsSettings gatewayTls;
    static TlsSettings otherTls;
    static X509Certificate gatewayCertificate;
    static RemoteJmx remote;

    @BeforeAll
    static void start() throws Exception {
        network = DemoNetwork.create(dir.resolve("net"), List.of("gw-a", "gw-b"), false);
        gatewayTls = tls("gw-a");
        otherTls = tls("gw-b");
        gatewayCertificate = gatewayTls.chain().get(0);
        remote = RemoteJmx.start(LOOPBACK, 0, 0, "operator", PASSWORD, gatewayTls);
    }

    @AfterAll
    static void stop() {
        if (remote != null) {
            remote.close();
        }
    }

    @Test
    void anotherProcessCannotBindRebindOrUnbindInTheRegistry() throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), RegistryWriter.class.getName(), LOOPBACK,
                Integer.toString(remote.registryPort()),
                Base64.getEncoder().encodeToString(gatewayCertificate.getEncoded()));
        Process attacker = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(attacker.waitFor(60, TimeUnit.SECONDS), "the attacking process did not finish");
        String printed = new String(attacker.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        for (String operation : List.of("bind", "rebind", "unbind")) {
            assertTrue(printed.contains(operation + " REFUSED the JMX registry of this gateway is read-only"), printed);
        }
        assertTrue(printed.contains("list " + RemoteJmx.BINDING + "\n"), printed);
        try (JMXConnector connector = RemoteJmx.connect(LOOPBACK, remote.registryPort(), "operator", PASSWORD,
                gatewayCertificate)) {
            assertTrue(connector.getMBeanServerConnection().getMBeanCount() > 0, "the gateway's own stub is still bound");
        }
    }

    @Test
    void theCommandLineRefusesAPlainStubAndSendsNoCredentials() throws Exception {
        try (FakeJmx fake = new FakeJmx(null, null)) {
            CommandRun status = CommandRun.run("status", "--home", homeUsing(fake.registryPort).toString());

            assertEquals(org.imigateway.cli.ExitCodes.UNREACHABLE, status.exit(), status.out() + status.err());
            assertTrue(status.err().contains("plain sockets, not TLS"), status.err());
            assertTrue(status.err().contains("no credentials were sent"), status.err());
            assertEquals(List.of(), fake.credentials(), "credentials reached the attacker");

            fake.assertANaiveClientWouldHaveSentCredentials();
        }
    }

    @Test
    void theCommandLineRefusesAStubWithAnotherCertificateOfTheSameCaAndSendsNoCredentials() throws Exception {
        // The stub carries a TLS factory that trusts the attacker's certificate: the client must not use it.
        try (FakeJmx fake = new FakeJmx(new TlsClientSockets(otherTls.chain().get(0)), tlsServerSockets(otherTls))) {
            CommandRun status = CommandRun.run("status", "--home", homeUsing(fake.registryPort).toString());

            assertEquals(org.imigateway.cli.ExitCodes.UNREACHABLE, status.exit(), status.out() + status.err());
            assertTrue(status.err().contains("is not the gateway"), status.err());
            assertTrue(status.err().contains(otherTls.chain().get(0).getSubjectX500Principal().toString()), status.err());
            assertTrue(status.err().contains("no credentials were sent"), status.err());
            assertEquals(List.of(), fake.credentials(), "credentials reached the attacker");

            fake.assertANaiveClientWouldHaveSentCredentials();
        }
    }

    @Test
    void aRegistryWithAnotherCertificateOfTheSameCaIsRefused() throws Exception {
        int port = FreePort.onLoopback();
        Registry impostor = LocateRegistry.createRegistry(port, null,
                new SslRMIServerSocketFactory(otherTls.sslContext(), null, null, false));
        try {
            UntrustedJmxServerException refused = assertThrows(UntrustedJmxServerException.class,
                    () -> RemoteJmx.connect(LOOPBACK, port, "operator", PASSWORD, gatewayCertificate));
            assertTrue(refused.getMessage().contains("the JMX registry at " + LOOPBACK + ":" + port + " is not the gateway"),
                    refused.getMessage());
        } finally {
            UnicastRemoteObject.unexportObject(impostor, true);
        }
    }

    @Test
    void registryAndConnectorListenOnJmxHostOnly() throws Exception {
        List<InetSocketAddress> listening = remote.listeningAddresses();
        assertEquals(2, listening.size(), "registry and connector: " + listening);
        assertTrue(listening.stream().anyMatch(address -> address.getPort() == remote.registryPort()), listening.toString());
        for (InetSocketAddress address : listening) {
            assertEquals(InetAddress.getByName(LOOPBACK), address.getAddress(), "bound to " + address);
            // Another address of this machine reaches a socket bound to every interface, not one bound to jmx.host.
            try (Socket other = new Socket()) {
                assertThrows(ConnectException.class,
                        () -> other.connect(new InetSocketAddress("127.0.0.2", address.getPort()), 5_000),
                        "port " + address.getPort() + " answers on 127.0.0.2");
            }
            listedBySs(address.getPort()).ifPresent(local -> assertTrue(
                    List.of(LOOPBACK + ":" + address.getPort(), "[::ffff:" + LOOPBACK + "]:" + address.getPort()).contains(local),
                    "ss shows the port listening on " + local));
        }
    }

    /**
     * An attacker's remote JMX: its own registry presenting the gateway's certificate (as the
     * hijacked registry did), with a connector stub of the attacker's choice under jmxrmi whose
     * login records the credentials that arrive.
     */
    private static final class FakeJmx implements AutoCloseable {

        final int registryPort;
        private final List<Object> arrived = new CopyOnWriteArrayList<>();
        private final Registry registry;
        private final RMIConnectorServer connector;

        FakeJmx(RMIClientSocketFactory stubSockets, RMIServerSocketFactory serverSockets) throws Exception {
            registryPort = FreePort.onLoopback();
            registry = LocateRegistry.createRegistry(registryPort, null,
                    new SslRMIServerSocketFactory(gatewayTls.sslContext(), null, null, false));
            Map<String, Object> environment = new HashMap<>();
            environment.put(JMXConnectorServer.AUTHENTICATOR, (JMXAuthenticator) credentials -> {
                arrived.add(credentials);
                throw new SecurityException("recorded");
            });
            RMIJRMPServerImpl server = new RMIJRMPServerImpl(0, stubSockets,
                    serverSockets != null ? serverSockets : port -> new ServerSocket(port, 50, InetAddress.getByName(LOOPBACK)),
                    environment);
            connector = new RMIConnectorServer(new JMXServiceURL("service:jmx:rmi://" + LOOPBACK), environment, server,
                    MBeanServerFactory.newMBeanServer());
            connector.start();
            registry.bind(RemoteJmx.BINDING, server.toStub());
        }

        List<String> credentials() {
            return arrived.stream().map(c -> c instanceof String[] pair ? Arrays.toString(pair) : String.valueOf(c)).toList();
        }

        /** The client as it was before: it trusts the stub's factory and so hands over the password. */
        void assertANaiveClientWouldHaveSentCredentials() {
            Map<String, Object> environment = new HashMap<>();
            environment.put(JMXConnector.CREDENTIALS, new String[] {"operator", new String(PASSWORD)});
            environment.put("com.sun.jndi.rmi.factory.socket", new TlsClientSockets(gatewayCertificate));
            assertThrows(SecurityException.class, () -> JMXConnectorFactory.connect(new JMXServiceURL(
                    "service:jmx:rmi:///jndi/rmi://" + LOOPBACK + ":" + registryPort + "/" + RemoteJmx.BINDING), environment));
            assertEquals(List.of("[operator, " + new String(PASSWORD) + "]"), credentials(),
                    "the fake records what a trusting client sends");
        }

        @Override
        public void close() throws IOException {
            connector.stop();
            UnicastRemoteObject.unexportObject(registry, true);
        }
    }

    /** gw-a's home, told that its gateway's remote JMX is at the given registry port. */
    private static Path homeUsing(int registryPort) throws IOException {
        Path home = network.home("gw-a");
        Path properties = home.resolve(GatewayConfig.FILE);
        String kept = Files.readString(properties).replaceAll("(?m)^jmx\\..*\\R", "");
        Files.writeString(properties, kept + "jmx.host=" + LOOPBACK + "\njmx.port=" + registryPort
                + "\njmx.user=operator\njmx.password=" + new String(PASSWORD) + "\n");
        return home;
    }

    private static TlsSettings tls(String party) throws Exception {
        GatewayConfig config = GatewayConfig.load(network.home(party));
        KeyStore keys = Stores.read(config.keyStore(), config.keyStorePassword());
        PrivateKey key = (PrivateKey) keys.getKey(PartyKit.TLS_SERVER_ALIAS, config.keyStorePassword());
        List<X509Certificate> chain = Arrays.stream(keys.getCertificateChain(PartyKit.TLS_SERVER_ALIAS))
                .map(X509Certificate.class::cast).toList();
        return new TlsSettings(Optional.of(key), chain, List.of(), List.of(), List.of());
    }

    private static HostTlsServerSockets tlsServerSockets(TlsSettings tls) throws IOException {
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(tls.protocols().toArray(String[]::new));
        return new HostTlsServerSockets(tls.sslContext(), parameters, InetAddress.getByName(LOOPBACK));
    }

    /** The local address {@code ss} shows listening on the port, when {@code ss} is installed. */
    private static Optional<String> listedBySs(int port) throws InterruptedException {
        try {
            Process ss = new ProcessBuilder("ss", "-Hltn", "sport = :" + port).redirectErrorStream(true).start();
            String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!ss.waitFor(10, TimeUnit.SECONDS) || ss.exitValue() != 0 || out.isEmpty()) {
                return Optional.empty();
            }
            String[] columns = out.lines().findFirst().orElseThrow().trim().split("\\s+");
            return Optional.of(columns[3]);
        } catch (IOException notInstalled) {
            return Optional.empty();
        }
    }
}
