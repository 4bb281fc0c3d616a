package org.imigateway.connectors;

import static org.imigateway.GatewayParts.partsOf;
import static org.imigateway.connectors.BackendClients.drop;
import static org.imigateway.connectors.BackendClients.metadata;
import static org.imigateway.connectors.ConnectorExchangeTest.configure;
import static org.imigateway.connectors.ConnectorExchangeTest.inboundCount;
import static org.imigateway.connectors.ConnectorExchangeTest.leg;
import static org.imigateway.connectors.ConnectorExchangeTest.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import javax.security.auth.x500.X500Principal;

import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.imigateway.Gateway;
import org.imigateway.TestNetwork;
import org.imigateway.certificates.PartyKit;
import org.imigateway.certificates.Stores;
import org.imigateway.connectors.fs.FolderConnector;
import org.imigateway.connectors.ws.BackendAuthentication;
import org.imigateway.connectors.ws.BackendPushService;
import org.imigateway.connectors.ws.PushBackendServer;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.store.Direction;
import org.imigateway.store.MessageStatus;
import org.imigateway.testsupport.FreePort;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Push mode of a web service backend of gw-b: gw-b calls the backend's own CXF service (TLS with
 * the network's certificates, basic authentication) to deliver what gw-a's folder backend sends,
 * and to tell the outcome of what the backend submitted. gw-c is never started, so a message to
 * it fails.
 */
class WebServicePushTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String QUICK = "QuickGiveUp";

    @TempDir
    static Path dir;
    static TestNetwork network;
    static Gateway gwA;
    static Gateway gwB;
    static PushBackendServer backend;
    /** A second backend service that knows gw-b only by its TLS client certificate: no password. */
    static PushBackendServer certificateBackend;

    @BeforeAll
    static void start() throws Exception {
        network = TestNetwork.create(dir.resolve("net"), "gw-a", "gw-b", "gw-c");
        network.addLeg(leg("quick", QUICK, "<receptionAwareness retry=\"0.02;1;CONSTANT\"/>"));
        int port = FreePort.onLoopback();
        // The backends show gw-a's TLS server certificate: gw-b trusts it through the network's CA.
        backend = new PushBackendServer(port, backendTls(), "gw-b", "push-secret");
        int certificatePort = FreePort.onLoopback();
        SslContextFactory.Server needsClient = backendTls();
        needsClient.setTrustStorePath(network.plan().home("gw-a").resolve(setting("gw-a", "trust.store")).toString());
        needsClient.setTrustStoreType("PKCS12");
        needsClient.setTrustStorePassword(setting("gw-a", "trust.password"));
        needsClient.setNeedClientAuth(true);
        certificateBackend = new PushBackendServer(certificatePort, needsClient, new BackendAuthentication(
                Optional.empty(), Optional.of(tlsSubject("gw-b"))));
        configure(network, "gw-a", """
                backend.afolder.type=folder
                backend.afolder.authorities=urn:authority:a-folder
                backend.afolder.pollMillis=100
                """);
        configure(network, "gw-b", """
                backend.bpush.type=ws
                backend.bpush.authorities=urn:authority:b-push
                backend.bpush.port=0
                backend.bpush.user=bpush
                backend.bpush.password=bpush-secret
                backend.bpush.pushUrl=https://localhost:%d/push
                backend.bpush.pushUser=gw-b
                backend.bpush.pushPassword=push-secret
                backend.bcert.type=ws
                backend.bcert.authorities=urn:authority:b-cert
                backend.bcert.port=0
                backend.bcert.user=bcert
                backend.bcert.password=bcert-secret
                backend.bcert.pushUrl=https://localhost:%d/push
                """.formatted(port, certificatePort));
        gwA = network.start("gw-a");
        gwB = network.start("gw-b");
    }

    @AfterAll
    static void stop() throws Exception {
        if (network != null) {
            network.close();
        }
        if (backend != null) {
            backend.close();
        }
        if (certificateBackend != null) {
            certificateBackend.close();
        }
        network = null;
        gwA = null;
        gwB = null;
        backend = null;
        certificateBackend = null;
    }

    static SslContextFactory.Server backendTls() throws Exception {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStorePath(network.plan().home("gw-a").resolve(setting("gw-a", "keys.store")).toString());
        tls.setKeyStoreType("PKCS12");
        tls.setKeyStorePassword(setting("gw-a", "keys.password"));
        tls.setCertAlias(PartyKit.TLS_SERVER_ALIAS);
        return tls;
    }

    /** The subject of the party's TLS client certificate (the one with clientAuth). */
    static X500Principal tlsSubject(String party) throws Exception {
        KeyStore keys = Stores.read(network.plan().home(party).resolve(setting(party, "keys.store")),
                setting(party, "keys.password").toCharArray());
        return ((X509Certificate) keys.getCertificate(PartyKit.TLS_CLIENT_ALIAS)).getSubjectX500Principal();
    }

    static String setting(String party, String key) throws Exception {
        java.util.Properties settings = new java.util.Properties();
        try (var in = Files.newInputStream(network.plan().home(party).resolve("config/gateway.properties"))) {
            settings.load(in);
        }
        return settings.getProperty(key);
    }

    static FolderConnector folderOfA() {
        return (FolderConnector) partsOf(gwA).backends().connector("afolder").orElseThrow();
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            Thread.sleep(50);
        }
    }

    static String sendToPushBackend(String id, byte[] payload) throws Exception {
        drop(folderOfA().outbox(), id, metadata("gw-b", DemoNetwork.ACTION, "urn:authority:b-push", "d.bin"),
                Map.of("d.bin", payload));
        Path acknowledged = folderOfA().sent().resolve(id + ".acknowledged");
        await("the receipt for " + id, () -> Files.exists(acknowledged));
        return Files.readString(acknowledged).trim();
    }

    static String submitFromPushBackend(String submissionId, String toParty, String action) throws Exception {
        Path file = dir.resolve(submissionId + ".bin");
        Files.write(file, random(200, submissionId.hashCode()));
        BackendPort port = partsOf(gwB).backends().port("bpush").orElseThrow();
        return port.submit(Submission.to(toParty).service(DemoNetwork.SERVICE, DemoNetwork.SERVICE_TYPE).action(action)
                .property(MessageProperty.of("originalSender", "urn:authority:b-push"))
                .property(MessageProperty.of("finalRecipient", "urn:authority:a-folder"))
                .payload(Payload.of(file, "application/octet-stream")).submissionId(submissionId).build());
    }

    @Test
    void aReceivedMessageIsPushedToTheBackendWithItsMetadataAndPayloadOnce() throws Exception {
        byte[] scan = random(200_000, 31);
        String messageId = sendToPushBackend("push-1", scan);
        await("deliverMessage of " + messageId, () -> backend.deliveries.containsKey(messageId));
        PushBackendServer.Delivered delivered = backend.deliveries.get(messageId);
        assertEquals("gw-a", delivered.request().getFromParty());
        assertEquals("gw-b", delivered.request().getToParty());
        assertEquals(DemoNetwork.ACTION, delivered.request().getAction());
        assertEquals(DemoNetwork.SERVICE_TYPE, delivered.request().getService().getType());
        assertTrue(delivered.request().getProperties().stream().anyMatch(p -> p.getName().equals("finalRecipient")
                && p.getValue().equals("urn:authority:b-push")));
        assertTrue(delivered.request().getPayloads().get(0).getProperties().stream()
                .anyMatch(p -> p.getName().equals("DocumentType") && p.getValue().equals("Scan")));
        assertArrayEquals(scan, delivered.payloads().get(0));
        ConnectorExchangeTest.awaitStatus(gwB, messageId, MessageStatus.DELIVERED);
        assertEquals(1, backend.deliveryCalls.get(messageId));
    }

    @Test
    void aBackendThatKnowsTheGatewayByItsClientCertificateAloneGetsItsDeliveries() throws Exception {
        drop(folderOfA().outbox(), "push-cert", metadata("gw-b", DemoNetwork.ACTION, "urn:authority:b-cert", "c.bin"),
                Map.of("c.bin", random(1000, 33)));
        Path acknowledged = folderOfA().sent().resolve("push-cert.acknowledged");
        await("the receipt for push-cert", () -> Files.exists(acknowledged));
        String messageId = Files.readString(acknowledged).trim();
        await("deliverMessage of " + messageId + " over TLS with gw-b's client certificate",
                () -> certificateBackend.deliveries.containsKey(messageId));
        ConnectorExchangeTest.awaitStatus(gwB, messageId, MessageStatus.DELIVERED);
        assertTrue(!backend.deliveries.containsKey(messageId), "only the backend serving urn:authority:b-cert has it");
    }

    @Test
    void aMessageForABackendThatIsDownIsPushedOnceItIsBack() throws Exception {
        long before = inboundCount(gwB);
        backend.down();
        String messageId;
        try {
            drop(folderOfA().outbox(), "push-down", metadata("gw-b", DemoNetwork.ACTION, "urn:authority:b-push",
                    "d.bin"), Map.of("d.bin", random(1000, 32)));
            await("gw-b received the message", () -> inboundCount(gwB) > before);
            Thread.sleep(1500); // gw-b's first push fails meanwhile
            messageId = Files.readString(folderOfA().sent().resolve("push-down.acknowledged")).trim();
            assertTrue(!backend.deliveries.containsKey(messageId), "nothing reached a backend that was down");
            assertTrue(partsOf(gwB).messageLog().find(messageId, Direction.INBOUND).orElseThrow().status()
                    != MessageStatus.DELIVERED, "not DELIVERED while the backend is down");
        } finally {
            backend.up();
        }
        String id = messageId;
        await("deliverMessage of " + id + " after the backend came back", () -> backend.deliveries.containsKey(id));
        ConnectorExchangeTest.awaitStatus(gwB, id, MessageStatus.DELIVERED);
        assertEquals(1, backend.deliveryCalls.get(id), "delivered once");
    }

    @Test
    void theBackendIsToldOfAnAcknowledgedSubmission() throws Exception {
        String messageId = submitFromPushBackend("push-ok", "gw-a", DemoNetwork.ACTION);
        await("sendSuccess of " + messageId, () -> backend.successes.stream()
                .anyMatch(s -> s.getMessageId().equals(messageId) && "push-ok".equals(s.getSubmissionId())));
    }

    @Test
    void theBackendIsToldOfASendFailure() throws Exception {
        String messageId = submitFromPushBackend("push-fail", "gw-c", QUICK);
        await("sendFailure of " + messageId, () -> backend.failures.stream()
                .anyMatch(f -> messageId.equals(f.getMessageId())));
        var failure = backend.failures.stream().filter(f -> messageId.equals(f.getMessageId())).findFirst().orElseThrow();
        assertEquals("EBMS:0301", failure.getErrorCode());
        assertEquals("push-fail", failure.getSubmissionId());
        assertTrue(backend.successes.stream().noneMatch(s -> s.getMessageId().equals(messageId)));
    }

    @Test
    void theShippedWsdlDeclaresExactlyTheOperationsTheGatewayCalls() throws Exception {
        javax.wsdl.xml.WSDLReader reader = javax.wsdl.factory.WSDLFactory.newInstance().newWSDLReader();
        reader.setFeature("javax.wsdl.verbose", false);
        java.net.URL wsdl = WebServicePushTest.class.getResource("/wsdl/backend-push.wsdl");
        assertTrue(wsdl != null, "schemas has no wsdl/backend-push.wsdl");
        javax.wsdl.Definition definition = reader.readWSDL(wsdl.toString());
        javax.wsdl.PortType portType = definition.getPortType(
                new javax.xml.namespace.QName(BackendPushService.NS, "BackendPushService"));
        java.util.Set<String> declared = new java.util.TreeSet<>();
        for (Object operation : portType.getOperations()) {
            declared.add(((javax.wsdl.Operation) operation).getName());
        }
        java.util.Set<String> called = new java.util.TreeSet<>();
        for (java.lang.reflect.Method method : BackendPushService.class.getMethods()) {
            called.add(method.getAnnotation(jakarta.jws.WebMethod.class).action());
        }
        assertEquals(called, declared);
    }
}
