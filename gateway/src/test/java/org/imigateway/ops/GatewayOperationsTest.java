package org.imigateway.ops;

import static org.imigateway.GatewayParts.partsOf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;

import org.imigateway.Gateway;
import org.imigateway.TestNetwork;
import org.imigateway.broker.EmbeddedBroker;
import org.imigateway.broker.Queues;
import org.imigateway.certificates.CertificateAuthority;
import org.imigateway.certificates.CertificatePurpose;
import org.imigateway.certificates.CertificateRequest;
import org.imigateway.certificates.PkiLayout;
import org.imigateway.certificates.Stores;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;
import org.imigateway.pmode.PModeSet;
import org.imigateway.route.TransmitMessage;
import org.imigateway.store.Direction;
import org.imigateway.store.MessageRecord;
import org.imigateway.store.MessageStatus;
import org.imigateway.testsupport.FreePort;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operators steer a running gateway through JMX only: every operation of the gateway MBean,
 * used through a JMX client, with its effect on the messages; remote JMX over TLS with a
 * password; /metrics and /health on the admin port.
 */
class GatewayOperationsTest {

    /** One client for the admin port, as a monitor keeps one (the port limits connections per client). */
    private static final HttpClient ADMIN_CLIENT = HttpClient.newHttpClient();


    private static final char[] DEMO_PASSWORD = "changeit-demo".toCharArray();
    private static final String JMX_PASSWORD = "s3cret-operator";
    /** Two quick retries within 3 s: a message to a stopped gateway fails fast. */
    /** How long a message to a paused party waits between looks. */
    private static final long RECHECK_MILLIS = TransmitMessage.PAUSE_RECHECK.toMillis();
    private static final String IMPATIENT = "urn:imigateway:test:impatient";

    @TempDir
    static Path dir;
    static TestNetwork network;
    static Gateway gateway;
    static GatewayMXBean jmx;
    static Path payload;
    static int jmxPort;

    @BeforeAll
    static void start() throws Exception {
        network = TestNetwork.create(dir.resolve("net"), "gw-a", "gw-b", "gw-c");
        network.addLeg("""
                  <leg id="impatient">
                    <service>%s</service>
                    <action>Deliver</action>
                    <security profile="edelivery-1.15"/>
                    <receptionAwareness retry="0.05;2;CONSTANT"/>
                  </leg>""".formatted(IMPATIENT));
        jmxPort = FreePort.onLoopback();
        Path properties = network.plan().home("gw-a").resolve("config/gateway.properties");
        Files.writeString(properties, Files.readString(properties) + "admin.port=0\njmx.port=" + jmxPort
                + "\njmx.user=operator\njmx.password=" + JMX_PASSWORD + "\n");
        gateway = network.start("gw-a");
        network.start("gw-b");
        jmx = JMX.newMXBeanProxy(ManagementFactory.getPlatformMBeanServer(), GatewayBean.objectName("gw-a"),
                GatewayMXBean.class);
        payload = Files.writeString(dir.resolve("note.xml"), "<note xmlns=\"urn:test\">ops</note>", StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stop() {
        network.close();
    }

    @Test
    void failedMessagesAreResentOneByOneAndByPartyAndGetAcknowledged() throws Exception {
        Instant since = Instant.now().minusSeconds(1);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(gateway.submit(Submission.to("gw-c").service(IMPATIENT).action("Deliver")
                    .payload(Payload.of(payload, "application/xml")).build()));
        }
        for (String id : ids) {
            assertEquals(MessageStatus.SEND_FAILURE, gateway.awaitOutcome(id, Duration.ofSeconds(30)).status());
        }
        assertTrue(jmx.getConsecutiveSendFailures().get("gw-c") >= 3, jmx.getConsecutiveSendFailures().toString());
        assertTrue(jmx.getMessageCountsByParty().get("OUTBOUND/SEND_FAILURE/gw-c") >= 3, jmx.getMessageCountsByParty().toString());
        Gateway c = network.start("gw-c");
        try {
            assertTrue(jmx.resend(ids.get(0)));
            awaitStatus(ids.get(0), MessageStatus.ACKNOWLEDGED);
            assertFalse(jmx.resend(ids.get(0)), "an acknowledged message is not resent");
            assertEquals(MessageStatus.SEND_FAILURE, status(ids.get(1)), "only the one message was resent");

            assertEquals(2, jmx.resendFailed("gw-c", since.toString()));
            for (String id : ids) {
                awaitStatus(id, MessageStatus.ACKNOWLEDGED);
                TestNetwork.awaitDelivered(c, id);
            }
            assertEquals(0, jmx.getConsecutiveSendFailures().get("gw-c"));
            assertThrows(IllegalArgumentException.class, () -> jmx.resendFailed("gw-c", "yesterday"));
        } finally {
            network.stop("gw-c");
        }
    }

    @Test
    void aPausedPartyHoldsItsMessagesUntilSendingResumes() throws Exception {
        assertTrue(jmx.pauseSending("gw-b"));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ids.add(gateway.submit(demoMessage()));
        }
        for (String id : ids) {
            awaitStatus(id, MessageStatus.WAITING_FOR_RETRY);
        }
        Thread.sleep(RECHECK_MILLIS * 2);
        for (String id : ids) {
            MessageRecord record = partsOf(gateway).messageLog().find(id, Direction.OUTBOUND).orElseThrow();
            assertEquals(MessageStatus.WAITING_FOR_RETRY, record.status());
            assertTrue(partsOf(network.gateway("gw-b")).messageLog().find(id, Direction.INBOUND).isEmpty(),
                    "no POST is made while paused");
        }
        assertEquals(List.of("gw-b"), jmx.getPausedParties());
        assertTrue(jmx.getOldestPendingSeconds().get(Queues.OUTBOUND) >= 1, jmx.getOldestPendingSeconds().toString());

        assertTrue(jmx.resumeSending("gw-b"));
        for (String id : ids) {
            assertEquals(MessageStatus.ACKNOWLEDGED, gateway.awaitOutcome(id, Duration.ofSeconds(30)).status());
            TestNetwork.awaitDelivered(network.gateway("gw-b"), id);
        }
        assertEquals(List.of(), jmx.getPausedParties());
        assertThrows(IllegalArgumentException.class, () -> jmx.pauseSending("nobody"));
    }

    @Test
    void aMessageMovedToTheDeadLetterQueueFailsAndThePurgeEmptiesTheQueue() throws Exception {
        jmx.pauseSending("gw-b");
        String id;
        try {
            id = gateway.submit(demoMessage());
            awaitStatus(id, MessageStatus.WAITING_FOR_RETRY);
            assertTrue(jmx.moveToDeadLetterQueue(id));
        } finally {
            jmx.resumeSending("gw-b");
        }
        MessageRecord record = partsOf(gateway).messageLog().find(id, Direction.OUTBOUND).orElseThrow();
        assertEquals(MessageStatus.SEND_FAILURE, record.status());
        assertTrue(record.errorDetail().orElseThrow().contains("dead-letter"), record.toString());
        assertFalse(jmx.moveToDeadLetterQueue(id), "a failed message is no longer being sent");
        assertTrue(jmx.getDeadLetterCount() >= 1, "dead letters: " + jmx.getDeadLetterCount());
        assertTrue(jmx.purgeDeadLetterQueue() >= 1);
        assertEquals(0, jmx.getDeadLetterCount());
        Thread.sleep(RECHECK_MILLIS * 2);
        assertEquals(MessageStatus.SEND_FAILURE, status(id), "the dead-lettered message is not sent after all");
    }

    @Test
    void anInvalidPModeSetIsRefusedAndAValidOneWithAnExpiringPartnerIsShownInJmxAndHealth() throws Exception {
        Path file = network.plan().home("gw-a").resolve("config/pmodes/pmodes.xml");
        String original = Files.readString(file);
        PModeSet active = partsOf(gateway).pmodes();
        Files.writeString(file, original.replace("<leg id=\"impatient\">", "<leg id=\"impatient\"><bogus/>"));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, jmx::reloadPModes);
        assertTrue(refused.getMessage().contains("active set stays"), refused.getMessage());
        assertSame(active, partsOf(gateway).pmodes(), "the old set is still active");
        String id = gateway.submit(demoMessage());
        assertEquals(MessageStatus.ACKNOWLEDGED, gateway.awaitOutcome(id, Duration.ofSeconds(30)).status(),
                "the gateway goes on sending with the old set");

        // A new partner whose signing certificate expires in 10 days.
        Path pki = network.plan().pki();
        CertificateAuthority ca = CertificateAuthority.load(PkiLayout.caKeyStore(pki), DEMO_PASSWORD);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        X509Certificate expiring = ca.issue(CertificateRequest.of("gw-x", CertificatePurpose.SIGNING)
                .validity(now.minus(1, ChronoUnit.DAYS), now.plus(10, ChronoUnit.DAYS).plusSeconds(3600))).certificate();
        Path certs = file.resolveSibling("certs");
        Stores.writePem(certs.resolve("gw-x-signing.pem"), List.of(expiring));
        Files.copy(certs.resolve("gw-b-encryption.pem"), certs.resolve("gw-x-encryption.pem"));
        int firstLeg = original.indexOf("  <leg");
        Files.writeString(file, original.substring(0, firstLeg) + """
                  <party name="gw-x">
                    <partyId>gw-x</partyId>
                    <endpoint>http://127.0.0.1:9/as4</endpoint>
                    <signingCertificate>certs/gw-x-signing.pem</signingCertificate>
                    <encryptionCertificate>certs/gw-x-encryption.pem</encryptionCertificate>
                  </party>
                """ + original.substring(firstLeg));
        assertTrue(jmx.reloadPModes().startsWith("4 parties"));
        assertTrue(partsOf(gateway).pmodes().party("gw-x").isPresent());
        assertEquals(10L, jmx.getCertificateDaysLeft().get("gw-x:signing"), jmx.getCertificateDaysLeft().toString());
        assertTrue(jmx.getCertificateDaysLeft().get("own:signing") > 300, jmx.getCertificateDaysLeft().toString());

        HttpResponse<String> health = get("/health");
        assertEquals(200, health.statusCode(), health.body());
        assertTrue(health.body().contains("\"status\":\"WARN\""), health.body());
        assertTrue(health.body().contains("gw-x:signing=10"), health.body());
        assertTrue(health.body().contains("\"broker\":{\"status\":\"UP\""), health.body());
        assertTrue(health.body().contains("\"database\":{\"status\":\"UP\""), health.body());
    }

    @Test
    void metricsArePrometheusTextAndJmxAttributes() throws Exception {
        HttpResponse<String> metrics = get("/metrics");
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("imi_messages{direction=\"OUTBOUND\",gateway=\"gw-a\",status=\"ACKNOWLEDGED\"}"),
                metrics.body());
        assertTrue(metrics.body().contains("imi_certificate_days_left{certificate=\"own:signing\""), metrics.body());
        assertTrue(metrics.body().contains("imi_queue_messages{gateway=\"gw-a\",queue=\"imi.dlq\"}"), metrics.body());
        assertTrue(metrics.body().contains("imi_queue_oldest_pending_seconds{gateway=\"gw-a\",queue=\"imi.outbound\"}"),
                metrics.body());
        assertTrue(metrics.body().contains("imi_send_consecutive_failures{gateway=\"gw-a\",party=\"gw-c\"}"), metrics.body());
        assertTrue(jmx.getMetrics().containsKey("imi.messages,direction=OUTBOUND,status=SEND_FAILURE"),
                jmx.getMetrics().keySet().toString());
        assertEquals(405, ADMIN_CLIENT.send(HttpRequest.newBuilder(adminUri("/metrics"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void remoteJmxOverTlsNeedsThePasswordAndShowsGatewayQueueAndRouteBeans() throws Exception {
        org.imigateway.config.GatewayConfig config = org.imigateway.config.GatewayConfig.load(network.plan().home("gw-a"));
        X509Certificate own = (X509Certificate) Stores.read(config.keyStore(), config.keyStorePassword())
                .getCertificate(org.imigateway.certificates.PartyKit.TLS_SERVER_ALIAS);
        assertThrows(SecurityException.class,
                () -> RemoteJmx.connect("127.0.0.1", jmxPort, "operator", "guess".toCharArray(), own).close());
        try (JMXConnector connector = RemoteJmx.connect("127.0.0.1", jmxPort, "operator", JMX_PASSWORD.toCharArray(),
                own)) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            GatewayMXBean remote = JMX.newMXBeanProxy(server, GatewayBean.objectName("gw-a"), GatewayMXBean.class);
            assertTrue(remote.pauseSending("gw-b"));
            assertEquals(List.of("gw-b"), jmx.getPausedParties(), "the remote call paused the running gateway");
            assertTrue(remote.resumeSending("gw-b"));
            assertNotNull(remote.getMessageCountsByStatus().get("OUTBOUND/ACKNOWLEDGED"));

            ObjectName outbound = ((EmbeddedBroker) partsOf(gateway).broker()).queueObjectName(Queues.OUTBOUND);
            assertTrue(server.isRegistered(outbound), outbound.toString());
            assertNotNull(server.getAttribute(outbound, "MessageCount"));
            ObjectName sendRoute = new ObjectName("org.apache.camel:context=imi-gw-a,type=routes,name=\"send\"");
            assertTrue(server.isRegistered(sendRoute), server.queryNames(new ObjectName("org.apache.camel:type=routes,*"),
                    null).toString());
            assertEquals("Started", server.getAttribute(sendRoute, "State"));
        }
    }

    @Test
    void statusAndResendCommandsReachTheRunningGatewayOverRemoteJmx() throws Exception {
        Path home = network.plan().home("gw-a");
        String status = run(0, "status", "--home", home.toString());
        assertTrue(status.contains("is running (over JMX)"), status);
        assertTrue(status.matches("(?s).*ACKNOWLEDGED +\\d+.*"), status);
        String unknown = run(org.imigateway.cli.ExitCodes.REFUSED, "resend", "--home", home.toString(), "no-such-id@test");
        assertTrue(unknown.contains("no outbound message no-such-id@test"), unknown);
        String byParty = run(0, "resend", "--home", home.toString(), "--party", "gw-b", "--since", Instant.now().toString());
        assertTrue(byParty.contains("resent 0 failed message(s) to gw-b"), byParty);
    }

    @Test
    void messagesAreFoundAndShownThroughJmxOperationsAndTheMessagesCommandOverRemoteJmx() throws Exception {
        String id = gateway.submit(demoMessage());
        awaitStatus(id, MessageStatus.ACKNOWLEDGED);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();

        var found = json.readTree(jmx.searchMessages(java.util.Map.of("messageId", id, "toParty", "gw-b")));
        assertEquals(List.of(id), found.path("messages").findValuesAsText("messageId"));
        var shown = json.readTree(jmx.showMessage(id)).path("records").get(0);
        assertEquals("ACKNOWLEDGED", shown.path("status").asText());
        assertEquals(64, shown.path("receipt").path("sha256").asText().length(), "the signed receipt is kept");
        assertTrue(shown.path("payloads").isEmpty(), "payload digests are kept by the receiver");
        GatewayMXBean receiver = JMX.newMXBeanProxy(ManagementFactory.getPlatformMBeanServer(),
                GatewayBean.objectName("gw-b"), GatewayMXBean.class);
        var received = json.readTree(receiver.showMessage(id)).path("records").get(0);
        assertEquals("INBOUND", received.path("direction").asText());
        assertEquals(Files.size(payload), received.path("payloads").path(0).path("size").asLong(), received.toString());
        assertEquals(64, received.path("payloads").path(0).path("sha256").asText().length());
        assertEquals("", jmx.showMessage("no-such-id@test"));
        assertThrows(RuntimeException.class, () -> jmx.searchMessages(java.util.Map.of("status", "LOST")));

        Path home = network.plan().home("gw-a");
        String searched = run(0, "messages", "search", "--home", home.toString(), "--message-id", id, "--json");
        assertEquals(List.of(id), json.readTree(searched).path("messages").findValuesAsText("messageId"));
        String text = run(0, "messages", "show", "--home", home.toString(), id);
        assertTrue(text.contains("OUTBOUND " + id + ": ACKNOWLEDGED") && text.contains("receipt: signed"), text);
        run(3, "messages", "show", "--home", home.toString(), "no-such-id@test");
    }

    private static String run(int expectedExit, String... arguments) {
        java.io.PrintStream console = System.out;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
            exit = new picocli.CommandLine(new org.imigateway.cli.ImiGatewayCommand()).execute(arguments);
        } finally {
            System.setOut(console);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(expectedExit, exit, printed);
        return printed;
    }

    private static Submission demoMessage() {
        return Submission.to("gw-b").service(DemoNetwork.SERVICE, DemoNetwork.SERVICE_TYPE).action(DemoNetwork.ACTION)
                .payload(Payload.of(payload, "application/xml")).build();
    }

    private static MessageStatus status(String id) {
        return partsOf(gateway).messageLog().find(id, Direction.OUTBOUND).orElseThrow().status();
    }

    private static void awaitStatus(String id, MessageStatus expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (status(id) != expected) {
            assertTrue(System.nanoTime() < deadline, "message " + id + " did not become " + expected + ": " + status(id));
            Thread.sleep(20);
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return ADMIN_CLIENT.send(HttpRequest.newBuilder(adminUri(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI adminUri(String path) {
        return URI.create("http://127.0.0.1:" + gateway.adminPort() + path);
    }
}
