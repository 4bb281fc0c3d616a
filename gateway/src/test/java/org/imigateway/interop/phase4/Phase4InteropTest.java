package org.imigateway.interop.phase4;

import static org.imigateway.GatewayParts.partsOf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.imigateway.Gateway;
import org.imigateway.TestNetwork;
import org.imigateway.as4.outflow.SendResult;
import org.imigateway.certificates.PartyKit;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;
import org.imigateway.testsupport.DemoPki;
import org.imigateway.testsupport.GatewayHome;
import org.imigateway.testsupport.phase4.Phase4Keys;
import org.imigateway.testsupport.phase4.Phase4Party;
import org.imigateway.testsupport.phase4.Phase4Payload;
import org.imigateway.testsupport.phase4.Phase4Property;
import org.imigateway.testsupport.phase4.Phase4Received;
import org.imigateway.testsupport.phase4.Phase4Receiver;
import org.imigateway.testsupport.phase4.Phase4Runtime;
import org.imigateway.testsupport.phase4.Phase4SendOutcome;
import org.imigateway.testsupport.phase4.Phase4Sender;
import org.imigateway.testsupport.phase4.Phase4Submission;
import org.imigateway.connectors.Delivery;
import org.imigateway.connectors.fs.FolderInbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * phase4, software nobody here wrote, as the peer: it sends to our gateway and checks our
 * receipt, and it receives from our gateway while we check its receipt. Both sides run the
 * eDelivery AS4 1.15 algorithms; phase4 signs and decrypts with one key pair.
 */
class Phase4InteropTest {

    private static final Phase4Party GW_A = Phase4Party.unregistered("gw-a");
    private static final Phase4Party PHASE4 = Phase4Party.unregistered("phase4");

    @TempDir
    static Path dir;
    static TestNetwork network;
    static Phase4Receiver receiver;
    static Phase4Keys phase4Keys;
    static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        network = TestNetwork.create(dir.resolve("net"), "gw-a", "phase4");
        phase4Keys = DemoPki.at(network.plan().pki()).phase4Keys("phase4", PartyKit.SIGNING_ALIAS);
        Phase4Runtime.forgetReceivedMessageIds();
        receiver = Phase4Receiver.builder().keys(phase4Keys).self(PHASE4).partner(GW_A).start();

        // phase4 decrypts with its signing key, and listens where the receiver was started.
        GatewayHome.at(network.plan().home("gw-a")).editPModes(xml -> xml
                .replace(network.plan().endpoint("phase4"), receiver.endpoint().toString())
                .replace("certs/phase4-encryption.pem", "certs/phase4-signing.pem"));
        gateway = network.start("gw-a");
    }

    @AfterAll
    static void stop() {
        if (receiver != null) {
            receiver.close();
        }
        network.close();
    }

    /** phase4 to our gateway on the demo leg, signed with its keys and encrypted for ours. */
    private static Phase4Submission.Builder toOurGateway() {
        return Phase4Submission.builder()
                .endpoint(java.net.URI.create(gateway.endpoints().get(0)))
                .keys(phase4Keys)
                .encryptFor(partsOf(gateway).pmodes().party("gw-a").orElseThrow().encryptionCertificate())
                .from(PHASE4).to(GW_A)
                .service(DemoNetwork.SERVICE, DemoNetwork.SERVICE_TYPE)
                .action(DemoNetwork.ACTION)
                .agreementRef(DemoNetwork.AGREEMENT);
    }

    @Test
    void phase4SendsToOurGatewayAndAcceptsOurReceipt() throws Exception {
        byte[] xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><request xmlns=\"urn:imi:test\"><q>Kaķis</q></request>"
                .getBytes(StandardCharsets.UTF_8);
        byte[] binary = new byte[1024 * 1024 + 3];
        new Random(3).nextBytes(binary);
        Phase4SendOutcome outcome = new Phase4Sender().send(toOurGateway()
                .conversationId("phase4-conversation")
                .property(Phase4Property.ORIGINAL_SENDER, "urn:authority:phase4-backend", "urn:imi:party")
                .property(Phase4Property.FINAL_RECIPIENT, "urn:authority:gw-a-backend")
                .payload(Phase4Payload.of(xml, "application/xml").withCharset(StandardCharsets.UTF_8)
                        .withPartProperty("DocumentType", "Request"))
                .payload(Phase4Payload.of(binary, "application/octet-stream"))
                .build());

        Phase4SendOutcome.ReceiptReceived receipt = assertInstanceOf(Phase4SendOutcome.ReceiptReceived.class, outcome,
                outcome::toString);
        assertTrue(receipt.isFullyVerified(), "phase4 must verify our receipt's signature and NRR digests: " + receipt);

        Path folder = TestNetwork.awaitDelivered(gateway, receipt.messageId());
        Delivery meta = FolderInbox.read(folder);
        assertEquals("phase4", meta.fromPartyId());
        assertEquals("phase4-conversation", meta.conversationId());
        assertEquals("application/xml", meta.payloads().get(0).mimeType());
        assertArrayEquals(xml, Files.readAllBytes(folder.resolve("payload-1")));
        assertArrayEquals(binary, Files.readAllBytes(folder.resolve("payload-2")));
    }

    @Test
    void phase4sFileNameIsKeptSanitisedAndTheDecompressedPartLosesItsCompressionType() throws Exception {
        byte[] xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><request xmlns=\"urn:imi:test\"/>"
                .getBytes(StandardCharsets.UTF_8);
        Phase4SendOutcome outcome = new Phase4Sender().send(toOurGateway()
                .conversationId("phase4-file-name")
                .property(Phase4Property.ORIGINAL_SENDER, "urn:authority:phase4-backend", "urn:imi:party")
                .property(Phase4Property.FINAL_RECIPIENT, "urn:authority:gw-a-backend")
                .payload(Phase4Payload.of(xml, "application/xml").withFileName("../reports/Kaķis ž.xml"))
                .build());

        Phase4SendOutcome.ReceiptReceived receipt = assertInstanceOf(Phase4SendOutcome.ReceiptReceived.class, outcome,
                outcome::toString);
        Path folder = TestNetwork.awaitDelivered(gateway, receipt.messageId());
        assertArrayEquals(xml, Files.readAllBytes(folder.resolve("Kaķis ž.xml")));
        java.util.Map<String, String> properties = new java.util.HashMap<>();
        FolderInbox.read(folder).payloads().get(0).properties().forEach(p -> properties.put(p.name(), p.value()));
        assertEquals("Kaķis ž.xml", properties.get("FileName"), properties::toString);
        assertEquals("application/xml", properties.get("MimeType"), properties::toString);
        assertFalse(properties.containsKey("CompressionType"), properties::toString);
    }

    @Test
    void ourGatewaySendsToPhase4AndAcceptsItsReceipt() throws Exception {
        Path xml = Files.writeString(dir.resolve("to-phase4.xml"),
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><notification xmlns=\"urn:imi:test\"/>", StandardCharsets.UTF_8);
        byte[] binary = new byte[6 * 1024 * 1024];
        new Random(9).nextBytes(binary);
        Path bin = Files.write(dir.resolve("to-phase4.bin"), binary);
        // base64 of random bytes: our gzip codes it with Huffman alone (no match search), random bytes stored
        byte[] base64 = Base64.getMimeEncoder().encode(Arrays.copyOf(binary, 768 * 1024));
        Path b64 = Files.write(dir.resolve("to-phase4.b64"), base64);
        SendResult result = gateway.send(Submission.to("phase4")
                .service(DemoNetwork.SERVICE, DemoNetwork.SERVICE_TYPE).action(DemoNetwork.ACTION)
                .conversationId("to-phase4")
                .property(MessageProperty.of("originalSender", "urn:authority:gw-a-backend"))
                .property(MessageProperty.typed("finalRecipient", "urn:authority:phase4-backend", "urn:imi:party"))
                .payload(new Payload(xml, "application/xml", Optional.of("UTF-8"), List.of()))
                .payload(Payload.of(bin, "application/octet-stream"))
                .payload(Payload.of(b64, "text/plain"))
                .build());
        SendResult.Acknowledged ack = assertInstanceOf(SendResult.Acknowledged.class, result, result::toString);

        List<Phase4Received> received = receiver.awaitMessages(1, Duration.ofSeconds(30));
        Phase4Received message = received.stream().filter(m -> m.messageId().equals(ack.messageId())).findFirst()
                .orElseThrow();
        assertTrue(message.decrypted(), "phase4 must have decrypted the attachments");
        assertEquals("to-phase4", message.conversationId());
        assertEquals(Optional.of("urn:authority:phase4-backend"), message.property("finalRecipient"));
        assertArrayEquals(Files.readAllBytes(xml), message.payloads().get(0).bytes());
        assertArrayEquals(binary, message.payloads().get(1).bytes());
        assertEquals("application/octet-stream", message.payloads().get(1).mimeType());
        assertArrayEquals(base64, message.payloads().get(2).bytes());
    }
}
