package org.imigateway.connectors;

import org.imigateway.ops.GatewayMXBean;

import org.imigateway.ops.GatewayBean;

import javax.management.JMX;

import java.lang.management.ManagementFactory;

import static org.imigateway.GatewayParts.partsOf;

import static org.imigateway.connectors.BackendClients.awaitFile;
import static org.imigateway.connectors.BackendClients.drop;
import static org.imigateway.connectors.BackendClients.metadata;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.MapMessage;

import org.imigateway.Gateway;
import org.imigateway.TestNetwork;
import org.imigateway.connectors.fs.FolderInbox;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.connectors.fs.FolderConnector;
import org.imigateway.store.Direction;
import org.imigateway.store.MessageStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two gateways on loopback, each with a folder and a JMS backend: a backend's submission travels
 * as AS4 to the other gateway, which hands it to the backend of its finalRecipient. The clients
 * are what a backend would use: plain files and a plain JMS client on the gateway's broker.
 */
class ConnectorExchangeTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String SMALL = "DeliverSmall";
    static final String QUICK = "DeliverQuick";

    @TempDir
    static Path dir;
    static TestNetwork network;
    static Gateway gwA;
    static Gateway gwB;

    @BeforeAll
    static void start() throws Exception {
        network = TestNetwork.create(dir.resolve("net"), "gw-a", "gw-b", "gw-c");
        network.addLeg(leg("small", SMALL, "<maxPayloadSize>100</maxPayloadSize>"));
        network.addLeg(leg("quick", QUICK, "<receptionAwareness retry=\"0.02;1;CONSTANT\"/>"));
        configure(network, "gw-a", """
                backend.afolder.type=folder
                backend.afolder.authorities=urn:authority:a-folder
                backend.afolder.pollMillis=100
                backend.ajms.type=jms
                backend.ajms.authorities=urn:authority:a-jms
                """);
        configure(network, "gw-b", """
                backend.bjms.type=jms
                backend.bjms.authorities=urn:authority:b-jms
                backend.bfolder.type=folder
                backend.bfolder.authorities=urn:authority:b-folder, urn:authority:b-other
                backend.bfolder.pollMillis=100
                """);
        gwA = network.start("gw-a");
        gwB = network.start("gw-b");
    }

    @AfterAll
    static void stop() {
        network.close();
        // Let the closed gateways go: the next test classes share this JVM's small heap.
        network = null;
        gwA = null;
        gwB = null;
    }

    static String leg(String id, String action, String extra) {
        return """
                  <leg id="%s">
                    <service type="%s">%s</service>
                    <action>%s</action>
                    <security profile="edelivery-1.15"/>
                    %s
                  </leg>""".formatted(id, DemoNetwork.SERVICE_TYPE, DemoNetwork.SERVICE, action, extra);
    }

    static void configure(TestNetwork network, String party, String properties) throws Exception {
        Path file = network.plan().home(party).resolve("config/gateway.properties");
        Files.writeString(file, Files.readString(file) + "\n" + properties);
    }

    static FolderConnector folder(Gateway gateway, String backend) {
        return (FolderConnector) partsOf(gateway).backends().connector(backend).orElseThrow();
    }

    static BackendPort port(Gateway gateway, String backend) {
        return partsOf(gateway).backends().port(backend).orElseThrow();
    }

    static ConnectionFactory jms(Gateway gateway) {
        return partsOf(gateway).broker().connectionFactory();
    }

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** The MessageId the gateway gave a backend's submission, once it has one. */
    static String messageIdOf(BackendPort port, String submissionId) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<MessageState> state = port.status(submissionId);
            if (state.isPresent()) {
                return state.get().messageId();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("submission " + submissionId + " of backend " + port.backend() + " has no message");
    }

    static void submitByJms(Gateway gateway, String backend, String submissionId, String toParty, String action,
            String finalRecipient, byte[] payload) throws Exception {
        BackendClients.send(jms(gateway), "imi.backend." + backend + ".in", m -> {
            m.setString("submissionId", submissionId);
            m.setString("toParty", toParty);
            m.setString("service", DemoNetwork.SERVICE);
            m.setString("serviceType", DemoNetwork.SERVICE_TYPE);
            m.setString("action", action);
            m.setString("property.1.name", "finalRecipient");
            m.setString("property.1.value", finalRecipient);
            m.setBytes("payload.1", payload);
            m.setString("payload.1.mimeType", "application/octet-stream");
            m.setString("payload.1.property.1.name", "DocumentType");
            m.setString("payload.1.property.1.value", "Scan");
        });
    }

    @Test
    void folderSubmissionReachesTheOtherGatewaysJmsBackendByteIdentical() throws Exception {
        byte[] scan = random(300_000, 1);
        FolderConnector outbox = folder(gwA, "afolder");
        drop(outbox.outbox(), "sub-f1", metadata("gw-b", DemoNetwork.ACTION, "urn:authority:b-jms", "scan.bin"),
                Map.of("scan.bin", scan));
        awaitFile(outbox.sent().resolve("sub-f1"), WAIT);
        String messageId = messageIdOf(port(gwA, "afolder"), "sub-f1");

        MapMessage delivered = BackendClients.receive(jms(gwB), "imi.backend.bjms.out", "messageId = '" + messageId + "'",
                WAIT);
        assertArrayEquals(scan, delivered.getBytes("payload.1"));
        assertEquals("application/octet-stream", delivered.getString("payload.1.mimeType"));
        assertTrue(partProperties(delivered, 1).contains("DocumentType=Scan"), partProperties(delivered, 1).toString());
        assertEquals("finalRecipient", delivered.getString("property.1.name"));
        assertEquals("urn:authority:b-jms", delivered.getString("property.1.value"));
        assertEquals("gw-a", delivered.getString("fromParty"));
        assertEquals(messageId, Files.readString(
                awaitFile(outbox.sent().resolve("sub-f1.acknowledged"), WAIT)).trim());
    }

    @Test
    void jmsSubmissionReachesTheOtherGatewaysFolderInboxByteIdentical() throws Exception {
        byte[] scan = random(250_000, 2);
        submitByJms(gwB, "bjms", "sub-j1", "gw-a", DemoNetwork.ACTION, "urn:authority:a-folder", scan);
        MapMessage accepted = BackendClients.receive(jms(gwB), "imi.backend.bjms.reply", "submissionId = 'sub-j1'", WAIT);
        assertEquals("ACCEPTED", accepted.getString("status"));
        String messageId = accepted.getString("messageId");

        Path inbox = folder(gwA, "afolder").inbox().resolve(FolderInbox.folderName(messageId));
        awaitFile(inbox.resolve("metadata.xml"), WAIT);
        assertArrayEquals(scan, Files.readAllBytes(inbox.resolve("payload-1")));
        String metadata = Files.readString(inbox.resolve("metadata.xml"), StandardCharsets.UTF_8);
        assertTrue(metadata.contains("messageId=\"" + messageId + "\""), metadata);
        assertTrue(metadata.contains("<property name=\"finalRecipient\">urn:authority:a-folder</property>"), metadata);

        MapMessage acknowledged = BackendClients.receive(jms(gwB), "imi.backend.bjms.reply",
                "submissionId = 'sub-j1'", WAIT);
        assertEquals("ACKNOWLEDGED", acknowledged.getString("status"));
        assertEquals(messageId, acknowledged.getString("messageId"));
    }

    /** Bad submissions, each with the words its error must contain. */
    enum Bad {
        INVALID_METADATA("EBMS:0009", "not well-formed"),
        UNKNOWN_PARTY("EBMS:0001", "toParty 'gw-x' is not a party"),
        UNKNOWN_ACTION("EBMS:0010", "action 'NoSuchAction'"),
        PAYLOAD_OVER_LIMIT("EBMS:0004", "more than the 100"),
        MISSING_PAYLOAD("EBMS:0004", "'absent.bin' does not exist");

        final String code;
        final String words;

        Bad(String code, String words) {
            this.code = code;
            this.words = words;
        }

        /** Whether the refusal comes from the gateway (and so is kept for getErrors), not from the connector. */
        boolean reachesThePort() {
            return this == UNKNOWN_PARTY || this == UNKNOWN_ACTION || this == PAYLOAD_OVER_LIMIT;
        }
    }

    @ParameterizedTest
    @EnumSource(Bad.class)
    void badFolderSubmissionEndsInFailedWithAnErrorFileNamingTheCause(Bad bad) throws Exception {
        String id = "bad-" + bad.name().toLowerCase();
        String good = metadata("gw-b", DemoNetwork.ACTION, "urn:authority:b-jms", "data.bin");
        String metadata = switch (bad) {
            case INVALID_METADATA -> "<submission xmlns=\"urn:imigateway:connectors:1.0\"><toParty>gw-b";
            case UNKNOWN_PARTY -> good.replace("<toParty>gw-b", "<toParty>gw-x");
            case UNKNOWN_ACTION -> good.replace("<action>" + DemoNetwork.ACTION, "<action>NoSuchAction");
            case PAYLOAD_OVER_LIMIT -> good.replace("<action>" + DemoNetwork.ACTION, "<action>" + SMALL);
            case MISSING_PAYLOAD -> good.replace("data.bin", "absent.bin");
        };
        FolderConnector connector = folder(gwA, "afolder");
        drop(connector.outbox(), id, metadata, Map.of("data.bin", random(1000, 3)));

        // The error file is written first, then the folder moves beside it.
        awaitFile(connector.failed().resolve(id).resolve("metadata.xml"), WAIT);
        String error = Files.readString(connector.failed().resolve(id + ".error"));
        assertTrue(error.startsWith(bad.code + ": "), error);
        assertTrue(error.contains(bad.words), error);
        assertFalse(Files.exists(connector.outbox().resolve(id)));
        if (bad.reachesThePort()) {
            List<SubmissionError> errors = port(gwA, "afolder").errors(id);
            assertEquals(1, errors.size(), errors.toString());
            assertEquals(bad.code, errors.get(0).errorCode());
            assertTrue(errors.get(0).detail().contains(bad.words), errors.get(0).detail());
        }
    }

    @ParameterizedTest
    @EnumSource(Bad.class)
    void badJmsSubmissionGoesWholeToTheErrorQueueNamingTheCause(Bad bad) throws Exception {
        String id = "jbad-" + bad.name().toLowerCase();
        BackendClients.send(jms(gwB), "imi.backend.bjms.in", m -> {
            m.setString("submissionId", id);
            if (bad != Bad.INVALID_METADATA) {
                m.setString("toParty", bad == Bad.UNKNOWN_PARTY ? "gw-x" : "gw-a");
            }
            m.setString("service", DemoNetwork.SERVICE);
            m.setString("action", switch (bad) {
                case UNKNOWN_ACTION -> "NoSuchAction";
                case PAYLOAD_OVER_LIMIT -> SMALL;
                default -> DemoNetwork.ACTION;
            });
            if (bad != Bad.MISSING_PAYLOAD) {
                m.setBytes("payload.1", random(1000, 4));
                m.setString("payload.1.mimeType", "application/octet-stream");
            }
        });
        MapMessage error = BackendClients.receive(jms(gwB), "imi.backend.bjms.error", "submissionId = '" + id + "'", WAIT);
        String expectedCode = switch (bad) {
            case INVALID_METADATA, MISSING_PAYLOAD -> "EBMS:0009";
            default -> bad.code;
        };
        String expectedWords = switch (bad) {
            case INVALID_METADATA -> "map entry 'toParty' is missing";
            case MISSING_PAYLOAD -> "map entry 'payload.1' is missing";
            default -> bad.words;
        };
        assertEquals(expectedCode, error.getString("errorCode"));
        assertTrue(error.getString("errorDetail").contains(expectedWords), error.getString("errorDetail"));
        assertEquals(DemoNetwork.SERVICE, error.getString("service"), "the submission is on the error queue whole");
        if (bad.reachesThePort()) {
            assertEquals(bad.code, port(gwB, "bjms").errors(id).get(0).errorCode());
            assertEquals(ScopedStatus.REFUSED, port(gwB, "bjms").status(id).orElseThrow().status());
        }
    }

    @Test
    void aBackendCannotListRetrieveOrMarkMessagesOfAuthoritiesItDoesNotServe() throws Exception {
        FolderConnector sender = folder(gwA, "afolder");
        drop(sender.outbox(), "sub-iso", metadata("gw-b", DemoNetwork.ACTION, "urn:authority:b-other", "x.bin"),
                Map.of("x.bin", random(2000, 5)));
        String messageId = messageIdOf(port(gwA, "afolder"), "sub-iso");
        awaitFile(folder(gwB, "bfolder").inbox().resolve(FolderInbox.folderName(messageId)), WAIT);
        awaitStatus(gwB, messageId, MessageStatus.DELIVERED);

        BackendPort other = port(gwB, "bjms");
        assertFalse(other.pending().contains(messageId));
        assertTrue(other.retrieve(messageId).isEmpty());
        assertTrue(other.status(messageId).isEmpty());
        assertFalse(other.markDownloaded(messageId));
        assertEquals(MessageStatus.DELIVERED, partsOf(gwB).messageLog().find(messageId, Direction.INBOUND).orElseThrow().status());
        SubmissionException refused = assertThrows(SubmissionException.class, () -> other.submit(
                Submission.to("gw-a").service(DemoNetwork.SERVICE, DemoNetwork.SERVICE_TYPE).action(DemoNetwork.ACTION)
                        .property(MessageProperty.of("originalSender", "urn:authority:b-folder")).build()));
        assertTrue(refused.getMessage().contains("originalSender 'urn:authority:b-folder'"), refused.getMessage());

        BackendPort own = port(gwB, "bfolder");
        assertTrue(own.pending().contains(messageId));
        assertEquals(1, own.retrieve(messageId).orElseThrow().payloads().size());
        assertTrue(own.markDownloaded(messageId));
        assertFalse(own.pending().contains(messageId));
        assertEquals("DOWNLOADED", own.status(messageId).orElseThrow().status());
    }

    @Test
    void theSameSubmissionIdTwiceResultsInOneAs4Message() throws Exception {
        long before = inboundCount(gwA);
        long beforeB = inboundCount(gwB);
        byte[] scan = random(5000, 6);
        submitByJms(gwB, "bjms", "sub-twice", "gw-a", DemoNetwork.ACTION, "urn:authority:a-folder", scan);
        submitByJms(gwB, "bjms", "sub-twice", "gw-a", DemoNetwork.ACTION, "urn:authority:a-folder", scan);
        String first = acceptedMessageId(gwB, "sub-twice");
        String second = acceptedMessageId(gwB, "sub-twice");
        assertEquals(first, second);

        FolderConnector folder = folder(gwA, "afolder");
        String metadata = metadata("gw-b", DemoNetwork.ACTION, "urn:authority:b-folder", "s.bin");
        drop(folder.outbox(), "sub-f-twice", metadata, Map.of("s.bin", scan));
        awaitFile(folder.sent().resolve("sub-f-twice"), WAIT);
        drop(folder.outbox(), "sub-f-twice", metadata, Map.of("s.bin", scan));
        awaitGone(folder.outbox().resolve("sub-f-twice"));
        try (var repeats = Files.list(folder.sent().resolve(FolderConnector.REPEATS))) {
            assertEquals(1, repeats.filter(p -> p.getFileName().toString().startsWith("sub-f-twice-")).count());
        }
        String folderMessage = messageIdOf(port(gwA, "afolder"), "sub-f-twice");

        awaitStatus(gwA, first, MessageStatus.DELIVERED);
        assertEquals(MessageStatus.ACKNOWLEDGED, gwA.awaitOutcome(folderMessage, WAIT).status());
        Thread.sleep(2000); // time for a second message, were there one
        assertEquals(before + 1, inboundCount(gwA), "one AS4 message from the JMS backend's two submissions");
        assertEquals(beforeB + 1, inboundCount(gwB), "one AS4 message from the folder backend's two drops");
    }

    @Test
    void aSendFailureAfterSubmissionReachesTheErrorQueueAndGetErrors() throws Exception {
        submitByJms(gwB, "bjms", "sub-down", "gw-c", QUICK, "urn:authority:c", random(100, 7));
        String messageId = acceptedMessageId(gwB, "sub-down");
        MapMessage failure = BackendClients.receive(jms(gwB), "imi.backend.bjms.error",
                "submissionId = 'sub-down'", Duration.ofSeconds(60));
        assertEquals("SEND_FAILURE", failure.getString("status"));
        assertEquals("EBMS:0301", failure.getString("errorCode"));
        assertEquals(messageId, failure.getString("messageId"));
        assertEquals("EBMS:0301", port(gwB, "bjms").errors("sub-down").get(0).errorCode());
        assertEquals("SEND_FAILURE", port(gwB, "bjms").status(messageId).orElseThrow().status());

        FolderConnector folder = folder(gwB, "bfolder");
        drop(folder.outbox(), "sub-down-f", metadata("gw-c", QUICK, "urn:authority:c", "d.bin"),
                Map.of("d.bin", random(100, 8)));
        awaitFile(folder.failed().resolve("sub-down-f").resolve("d.bin"), Duration.ofSeconds(60));
        String error = Files.readString(folder.failed().resolve("sub-down-f.error"));
        assertTrue(error.startsWith("EBMS:0301: "), error);
    }

    static List<String> partProperties(MapMessage message, int payload) throws jakarta.jms.JMSException {
        List<String> found = new java.util.ArrayList<>();
        String prefix = "payload." + payload + ".property.";
        for (int i = 1; message.itemExists(prefix + i + ".name"); i++) {
            found.add(message.getString(prefix + i + ".name") + "=" + message.getString(prefix + i + ".value"));
        }
        return found;
    }

    @Test
    void anOperatorsResendThatSucceedsIsToldToTheFolderAndJmsBackendsThatHeardOfTheFailure() throws Exception {
        GatewayMXBean operator = JMX.newMXBeanProxy(ManagementFactory.getPlatformMBeanServer(),
                GatewayBean.objectName("gw-b"), GatewayMXBean.class);
        assertTrue(operator.pauseSending("gw-a"));
        try {
            FolderConnector folder = folder(gwB, "bfolder");
            drop(folder.outbox(), "sub-resend-f", metadata("gw-a", DemoNetwork.ACTION, "urn:authority:a-folder", "r.bin"),
                    Map.of("r.bin", random(100, 9)));
            String folderMessage = messageIdOf(port(gwB, "bfolder"), "sub-resend-f");
            submitByJms(gwB, "bjms", "sub-resend-j", "gw-a", DemoNetwork.ACTION, "urn:authority:a-folder",
                    random(100, 10));
            String jmsMessage = acceptedMessageId(gwB, "sub-resend-j");

            assertTrue(operator.moveToDeadLetterQueue(folderMessage));
            assertTrue(operator.moveToDeadLetterQueue(jmsMessage));
            awaitFile(folder.failed().resolve("sub-resend-f.error"), WAIT);
            assertEquals("SEND_FAILURE", BackendClients.receive(jms(gwB), "imi.backend.bjms.error",
                    "submissionId = 'sub-resend-j'", WAIT).getString("status"));

            assertTrue(operator.resumeSending("gw-a"));
            assertTrue(operator.resend(folderMessage));
            assertTrue(operator.resend(jmsMessage));

            awaitFile(folder.sent().resolve("sub-resend-f.acknowledged"), WAIT);
            assertEquals(folderMessage, Files.readString(folder.sent().resolve("sub-resend-f.acknowledged")).trim());
            assertTrue(Files.isDirectory(folder.sent().resolve("sub-resend-f")));
            assertFalse(Files.exists(folder.failed().resolve("sub-resend-f")), "left failed/");
            assertFalse(Files.exists(folder.failed().resolve("sub-resend-f.error")), "its .error is gone");
            MapMessage success = BackendClients.receive(jms(gwB), "imi.backend.bjms.reply",
                    "submissionId = 'sub-resend-j'", WAIT); // its ACCEPTED was taken above
            assertEquals("ACKNOWLEDGED", success.getString("status"));
            assertEquals(jmsMessage, success.getString("messageId"));
        } finally {
            operator.resumeSending("gw-a");
        }
    }

    @Test
    void anOperatorsResendThatFailsAgainIsToldToTheJmsBackendAgain() throws Exception {
        GatewayMXBean operator = JMX.newMXBeanProxy(ManagementFactory.getPlatformMBeanServer(),
                GatewayBean.objectName("gw-b"), GatewayMXBean.class);
        assertTrue(operator.pauseSending("gw-a"));
        try {
            submitByJms(gwB, "bjms", "sub-fail-twice", "gw-a", DemoNetwork.ACTION, "urn:authority:a-folder",
                    random(100, 11));
            String messageId = acceptedMessageId(gwB, "sub-fail-twice");
            assertTrue(operator.moveToDeadLetterQueue(messageId));
            MapMessage first = BackendClients.receive(jms(gwB), "imi.backend.bjms.error",
                    "submissionId = 'sub-fail-twice'", WAIT);
            assertEquals("SEND_FAILURE", first.getString("status"));

            assertTrue(operator.resend(messageId));
            // Sending to gw-a is paused: the send route takes it from SEND_ENQUEUED to WAITING_FOR_RETRY at once.
            awaitStatus(gwB, messageId, MessageStatus.SEND_ENQUEUED, MessageStatus.WAITING_FOR_RETRY);
            assertTrue(operator.moveToDeadLetterQueue(messageId));
            MapMessage second = BackendClients.receive(jms(gwB), "imi.backend.bjms.error",
                    "submissionId = 'sub-fail-twice'", WAIT);
            assertEquals("SEND_FAILURE", second.getString("status"), "the second failure is told as the first");
            assertEquals(messageId, second.getString("messageId"));
        } finally {
            operator.resumeSending("gw-a");
        }
    }

    static String acceptedMessageId(Gateway gateway, String submissionId) throws Exception {
        MapMessage reply = BackendClients.receive(jms(gateway), "imi.backend.bjms.reply",
                "submissionId = '" + submissionId + "'", WAIT);
        assertEquals("ACCEPTED", reply.getString("status"));
        return reply.getString("messageId");
    }

    static long inboundCount(Gateway gateway) {
        return partsOf(gateway).messageLog().countByStatus().entrySet().stream()
                .filter(e -> e.getKey().direction() == Direction.INBOUND).mapToLong(Map.Entry::getValue).sum();
    }

    static void awaitStatus(Gateway gateway, String messageId, MessageStatus status, MessageStatus... orStatus)
            throws InterruptedException {
        java.util.Set<MessageStatus> wanted = java.util.EnumSet.of(status, orStatus);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (partsOf(gateway).messageLog().find(messageId, status.direction()).map(r -> !wanted.contains(r.status()))
                .orElse(true)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("message " + messageId + " did not reach " + wanted);
            }
            Thread.sleep(50);
        }
    }

    static void awaitGone(Path path) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (Files.exists(path)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(path + " is still there");
            }
            Thread.sleep(50);
        }
    }

    /** The status names a backend sees for refusals. */
    static final class ScopedStatus {
        static final String REFUSED = org.imigateway.backend.ScopedBackendPort.REFUSED;
    }
}
