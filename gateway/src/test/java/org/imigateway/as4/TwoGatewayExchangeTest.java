package org.imigateway.as4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.imigateway.Gateway;
import org.imigateway.TestNetwork;
import org.imigateway.as4.outflow.SendResult;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.connectors.Delivery;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;
import org.imigateway.connectors.fs.FolderInbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TwoGatewayExchangeTest {

    @TempDir
    static Path dir;
    static TestNetwork network;

    @BeforeAll
    static void startGateways() throws Exception {
        network = TestNetwork.create(dir.resolve("net"), "gw-a", "gw-b");
        network.start("gw-a");
        network.start("gw-b");
    }

    @AfterAll
    static void stopGateways() {
        network.close();
    }

    @Test
    void xmlAndLargeBinaryPayloadArriveByteIdenticalWithPropertiesBothWays() throws Exception {
        exchange("gw-a", "gw-b");
        exchange("gw-b", "gw-a");
    }

    private void exchange(String from, String to) throws Exception {
        Path xml = Files.writeString(dir.resolve(from + "-request.xml"),
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><request xmlns=\"urn:test\"><subject>Ärztekammer</subject></request>",
                StandardCharsets.UTF_8);
        byte[] binary = new byte[5 * 1024 * 1024 + 17];
        new Random(42).nextBytes(binary);
        Path bin = Files.write(dir.resolve(from + "-scan.bin"), binary);

        Submission submission = Submission.to(to)
                .service(DemoNetwork.SERVICE, DemoNetwork.SERVICE_TYPE)
                .action(DemoNetwork.ACTION)
                .conversationId("conv-" + from)
                .property(MessageProperty.of("originalSender", "urn:authority:" + from))
                .property(MessageProperty.typed("finalRecipient", "urn:authority:" + to, "urn:imi:authority"))
                .payload(new Payload(xml, "application/xml", Optional.of("UTF-8"),
                        List.of(MessageProperty.of("DocumentType", "Request"))))
                .payload(Payload.of(bin, "application/octet-stream"))
                .build();
        Gateway sender = network.gateway(from);
        SendResult result = sender.send(submission);
        SendResult.Acknowledged ack = assertInstanceOf(SendResult.Acknowledged.class, result, () -> result.toString());

        Path folder = TestNetwork.awaitDelivered(network.gateway(to), ack.messageId());
        Delivery meta = FolderInbox.read(folder);
        assertEquals("conv-" + from, meta.conversationId());
        assertEquals(from, meta.fromPartyId());
        assertEquals(2, meta.payloads().size());
        assertEquals("application/xml", meta.payloads().get(0).mimeType());
        assertEquals(Optional.of("UTF-8"), meta.payloads().get(0).characterSet());
        assertEquals("application/octet-stream", meta.payloads().get(1).mimeType());
        assertArrayEquals(Files.readAllBytes(xml), Files.readAllBytes(folder.resolve("payload-1")));
        assertArrayEquals(binary, Files.readAllBytes(folder.resolve("payload-2")));
        assertEquals("originalSender", meta.properties().get(0).name());
        assertEquals("urn:authority:" + from, meta.properties().get(0).value());
        assertEquals(Optional.of("urn:imi:authority"), meta.properties().get(1).type());
        assertTrue(meta.payloads().get(0).properties().stream()
                .anyMatch(p -> p.name().equals("DocumentType") && p.value().equals("Request")));
    }
}
