package org.imigateway.testsupport.phase4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import org.imigateway.certificates.CertificateAuthority;
import org.imigateway.certificates.IssuedCertificate;
import org.imigateway.certificates.Stores;
import org.imigateway.testsupport.FreePort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.helger.phase4.CAS4;
import com.sun.net.httpserver.HttpServer;

/** phase4 sender against phase4 receiver on loopback, both under the eDelivery AS4 1.15 profile. */
class Phase4PeerSelfTest {

    private static final char[] PASSWORD = "peer-test".toCharArray();
    private static final Phase4Party RED = Phase4Party.unregistered("red-gateway");
    private static final Phase4Party BLUE = Phase4Party.unregistered("blue-gateway");
    private static final String SERVICE = "urn:imi:service:requests";
    private static final String SERVICE_TYPE = "urn:imi:service-type";
    private static final String ACTION = "SubmitRequest";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static KeyStore trustTestCa;
    private static Phase4Keys redKeys;
    private static Phase4Keys blueKeys;
    private static IssuedCertificate blue;
    private static CertificateAuthority ca;

    private Phase4Receiver receiver;

    @BeforeAll
    static void issueCertificates() {
        ca = CertificateAuthority.create("Test CA");
        IssuedCertificate red = ca.issueSigning("red-gateway");
        blue = ca.issueSigning("blue-gateway");
        trustTestCa = Stores.trustStore(Map.of("test-ca", ca.certificate()));
        redKeys = new Phase4Keys(Stores.keyStore(Map.of("red", red), PASSWORD), "red", PASSWORD, trustTestCa);
        blueKeys = new Phase4Keys(Stores.keyStore(Map.of("blue", blue), PASSWORD), "blue", PASSWORD, trustTestCa);
    }

    @BeforeEach
    void startReceiver() throws Exception {
        Phase4Runtime.forgetReceivedMessageIds();
        receiver = Phase4Receiver.builder().keys(blueKeys).self(BLUE).partner(RED).start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void signedEncryptedMessageWithTwoPayloadsArrivesIntactAndIsReceipted(@TempDir Path files) throws Exception {
        byte[] xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><request xmlns=\"urn:imi:test\"><q>Straße</q></request>"
                .getBytes(StandardCharsets.UTF_8);
        byte[] binary = new byte[5 * 1024 * 1024];
        new Random(20240601L).nextBytes(binary);
        Path binaryFile = Files.write(files.resolve("attachment.bin"), binary);

        Phase4SendOutcome outcome = new Phase4Sender().send(submission(receiver.endpoint())
                .encryptFor(blue.certificate())
                .conversationId("conv-1")
                .agreementRef("urn:imi:agreement:test")
                .payload(Phase4Payload.of(xml, "application/xml")
                        .withCharset(StandardCharsets.UTF_8)
                        .withPartProperty("DocumentType", "request"))
                .payload(Phase4Payload.ofFile(binaryFile, "application/octet-stream")
                        .withPartProperty("DocumentType", "attachment"))
                .build());

        Phase4SendOutcome.ReceiptReceived receipt = assertInstanceOf(Phase4SendOutcome.ReceiptReceived.class, outcome,
                outcome::toString);
        assertEquals(outcome.messageId(), receipt.refToMessageId());
        assertTrue(receipt.signatureVerified(), "receipt is signed and its signature verified");
        assertEquals(Phase4SendOutcome.NonRepudiation.MATCHED, receipt.nonRepudiation(),
                () -> String.join("; ", receipt.nonRepudiationProblems()));
        assertTrue(receipt.signalXml().contains("NonRepudiationInformation"), receipt.signalXml());

        List<Phase4Received> messages = receiver.awaitMessages(1, WAIT);
        assertEquals(1, messages.size());
        Phase4Received message = messages.get(0);
        assertEquals(outcome.messageId(), message.messageId());
        assertEquals("conv-1", message.conversationId());
        assertEquals(RED, message.from());
        assertEquals(BLUE, message.to());
        assertEquals(SERVICE, message.service());
        assertEquals(SERVICE_TYPE, message.serviceType());
        assertEquals(ACTION, message.action());
        assertEquals("urn:imi:agreement:test", message.agreementRef());
        assertEquals("red-gateway-backend", message.property(Phase4Property.ORIGINAL_SENDER).orElseThrow());
        assertEquals("blue-authority-42", message.property(Phase4Property.FINAL_RECIPIENT).orElseThrow());
        assertTrue(message.messageProperties().contains(
                Phase4Property.of(Phase4Property.ORIGINAL_SENDER, "red-gateway-backend", "urn:imi:party")));
        assertTrue(message.decrypted(), "payloads were encrypted");

        assertEquals(2, message.payloads().size());
        Phase4Received.Payload first = message.payloads().get(0);
        assertArrayEquals(xml, first.bytes());
        assertEquals("application/xml", first.mimeType());
        assertEquals("application/xml", first.partProperties().get("MimeType"));
        assertEquals("UTF-8", first.partProperties().get("CharacterSet"));
        assertEquals("application/gzip", first.partProperties().get("CompressionType"));
        assertEquals("request", first.partProperties().get("DocumentType"));
        Phase4Received.Payload second = message.payloads().get(1);
        assertArrayEquals(binary, second.bytes());
        assertEquals("application/octet-stream", second.mimeType());
        assertEquals("application/octet-stream", second.partProperties().get("MimeType"));
        assertEquals("attachment", second.partProperties().get("DocumentType"));
    }

    @Test
    void unsignedMessageIsRefusedWithFailedAuthenticationAndNotDelivered() {
        Phase4SendOutcome outcome = new Phase4Sender().send(submission(receiver.endpoint())
                .unsigned()
                .payload(Phase4Payload.of("<x/>".getBytes(StandardCharsets.UTF_8), "application/xml"))
                .build());

        Phase4SendOutcome.ErrorsReceived errors = assertInstanceOf(Phase4SendOutcome.ErrorsReceived.class, outcome,
                outcome::toString);
        assertTrue(errors.hasCode("EBMS:0101"), errors::toString);
        Phase4SendOutcome.EbmsError error = errors.errors().get(0);
        assertEquals("FailedAuthentication", error.shortDescription());
        assertEquals("failure", error.severity());
        assertEquals(outcome.messageId(), error.refToMessageInError());
        assertTrue(error.detail().contains("no WS-Security signature"), error::detail);
        assertTrue(errors.signatureVerified(), "the error signal itself is signed");
        assertEquals(List.of(outcome.messageId()), receiver.refusedMessageIds());
        assertTrue(receiver.received().isEmpty());
    }

    @Test
    void messageFromAnUnknownPartnerGetsProcessingModeMismatch() {
        Phase4SendOutcome outcome = new Phase4Sender().send(submission(receiver.endpoint())
                .from(Phase4Party.unregistered("green-gateway"))
                .payload(Phase4Payload.of("<x/>".getBytes(StandardCharsets.UTF_8), "application/xml"))
                .build());

        Phase4SendOutcome.ErrorsReceived errors = assertInstanceOf(Phase4SendOutcome.ErrorsReceived.class, outcome,
                outcome::toString);
        assertTrue(errors.hasCode("EBMS:0010"), errors::toString);
        assertTrue(receiver.received().isEmpty());
    }

    @Test
    void repeatedMessageIdIsDeliveredOnceAndAnsweredWithPhase4sOtherError() throws Exception {
        Phase4Submission submission = submission(receiver.endpoint())
                .messageId("duplicate-1@red-gateway")
                .payload(Phase4Payload.of("<x/>".getBytes(StandardCharsets.UTF_8), "application/xml"))
                .build();
        Phase4Sender sender = new Phase4Sender();

        assertInstanceOf(Phase4SendOutcome.ReceiptReceived.class, sender.send(submission));
        Phase4SendOutcome repeat = sender.send(submission);

        // phase4 answers a duplicate with EBMS:0004; our gateway answers with the original receipt.
        Phase4SendOutcome.ErrorsReceived errors = assertInstanceOf(Phase4SendOutcome.ErrorsReceived.class, repeat,
                repeat::toString);
        assertTrue(errors.hasCode("EBMS:0004"), errors::toString);
        assertEquals(1, receiver.awaitMessages(1, WAIT).size());
    }

    @Test
    void receiptSignedWithAnUntrustedCertificateIsRejected() throws Exception {
        IssuedCertificate impostor = CertificateAuthority.create("Other CA").issueSigning("blue-gateway");
        Phase4Keys impostorKeys = new Phase4Keys(Stores.keyStore(Map.of("blue", impostor), PASSWORD), "blue",
                PASSWORD, trustTestCa);
        try (Phase4Receiver untrusted = Phase4Receiver.builder().keys(impostorKeys).self(BLUE).partner(RED).start()) {
            Phase4SendOutcome outcome = new Phase4Sender().send(submission(untrusted.endpoint())
                    .encryptFor(impostor.certificate())
                    .payload(Phase4Payload.of("<x/>".getBytes(StandardCharsets.UTF_8), "application/xml"))
                    .build());

            Phase4SendOutcome.ResponseRejected rejected = assertInstanceOf(Phase4SendOutcome.ResponseRejected.class,
                    outcome, outcome::toString);
            assertEquals(200, rejected.httpStatus());
            assertTrue(rejected.responseBody().contains("Receipt"), rejected::responseBody);
            assertEquals(1, untrusted.awaitMessages(1, WAIT).size(), "the receiver itself accepted the message");
        }
    }

    @Test
    void senderPutsTheProfileAlgorithmsOnTheWire() throws Exception {
        AtomicReference<String> request = new AtomicReference<>();
        HttpServer capture = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        capture.createContext("/as4", exchange -> {
            // ISO-8859-1 keeps every byte, so the MIME envelope and SOAP part can be searched as text.
            request.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1));
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        capture.start();
        Phase4SendOutcome outcome;
        try {
            outcome = new Phase4Sender().send(submission(
                    URI.create("http://127.0.0.1:" + capture.getAddress().getPort() + "/as4"))
                    .encryptFor(blue.certificate())
                    .payload(Phase4Payload.of("<x/>".getBytes(StandardCharsets.UTF_8), "application/xml"))
                    .build());
        } finally {
            capture.stop(0);
        }

        Phase4SendOutcome.ResponseRejected rejected = assertInstanceOf(Phase4SendOutcome.ResponseRejected.class,
                outcome, outcome::toString);
        assertEquals(500, rejected.httpStatus());
        String wire = request.get();
        for (String algorithm : List.of(
                "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
                "http://www.w3.org/2001/04/xmlenc#sha256",
                "http://www.w3.org/2009/xmlenc11#rsa-oaep",
                "http://www.w3.org/2009/xmlenc11#mgf1sha256",
                "http://www.w3.org/2009/xmlenc11#aes128-gcm",
                "http://docs.oasis-open.org/wss/oasis-wss-SwAProfile-1.1#Attachment-Content-Signature-Transform")) {
            assertTrue(wire.contains("Algorithm=\"" + algorithm + "\""), algorithm);
        }
        assertTrue(wire.contains("<eb:Property name=\"CompressionType\">application/gzip</eb:Property>")
                || wire.contains("\"CompressionType\">application/gzip<"), "payload is gzip-compressed");
        assertTrue(wire.contains("application/soap+xml"), "SOAP 1.2");
    }

    @Test
    void aPingIsReceiptedButNotKept() throws Exception {
        Phase4SendOutcome outcome = new Phase4Sender().send(submission(receiver.endpoint())
                .service(CAS4.DEFAULT_SERVICE_URL)
                .action(CAS4.DEFAULT_ACTION_URL)
                .payload(Phase4Payload.of("<x/>".getBytes(StandardCharsets.UTF_8), "application/xml"))
                .build());

        assertInstanceOf(Phase4SendOutcome.ReceiptReceived.class, outcome, outcome::toString);
        assertTrue(receiver.received().isEmpty(), "a ping is not delivered: " + receiver.received());
    }

    @Test
    void withARevocationListARevokedSenderIsRefusedAndAValidOneAccepted() throws Exception {
        IssuedCertificate revoked = ca.issueSigning("red-gateway");
        ca.revoke(revoked.certificate());
        Phase4Keys revokedKeys = new Phase4Keys(Stores.keyStore(Map.of("red", revoked), PASSWORD), "red", PASSWORD,
                trustTestCa);
        try (Phase4Receiver checking = Phase4Receiver.builder().keys(blueKeys).self(BLUE).partner(RED)
                .revocationList(ca.crl()).start()) {
            Phase4SendOutcome refused = new Phase4Sender().send(submission(checking.endpoint())
                    .keys(revokedKeys)
                    .payload(Phase4Payload.of("<x/>".getBytes(StandardCharsets.UTF_8), "application/xml"))
                    .build());
            assertInstanceOf(Phase4SendOutcome.ErrorsReceived.class, refused, refused::toString);

            Phase4SendOutcome accepted = new Phase4Sender().send(submission(checking.endpoint())
                    .payload(Phase4Payload.of("<x/>".getBytes(StandardCharsets.UTF_8), "application/xml"))
                    .build());
            assertInstanceOf(Phase4SendOutcome.ReceiptReceived.class, accepted, accepted::toString);
            assertEquals(List.of(accepted.messageId()),
                    checking.awaitMessages(1, WAIT).stream().map(Phase4Received::messageId).toList());
        }
    }

    @Test
    void closedPortIsATransportFailure() throws Exception {
        int freePort = FreePort.onLoopback();
        Phase4SendOutcome outcome = new Phase4Sender(Duration.ofSeconds(2), Duration.ofSeconds(5))
                .send(submission(URI.create("http://127.0.0.1:" + freePort + "/as4"))
                        .payload(Phase4Payload.of("<x/>".getBytes(StandardCharsets.UTF_8), "application/xml"))
                        .build());

        assertInstanceOf(Phase4SendOutcome.TransportFailure.class, outcome, outcome::toString);
    }

    private static Phase4Submission.Builder submission(URI endpoint) {
        return Phase4Submission.builder()
                .endpoint(endpoint)
                .keys(redKeys)
                .from(RED)
                .to(BLUE)
                .service(SERVICE, SERVICE_TYPE)
                .action(ACTION)
                .property(Phase4Property.ORIGINAL_SENDER, "red-gateway-backend", "urn:imi:party")
                .property(Phase4Property.FINAL_RECIPIENT, "blue-authority-42", "urn:imi:party");
    }
}
