package org.imigateway.as4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.imigateway.Gateway;
import org.imigateway.TestNetwork;
import org.imigateway.as4.outflow.SendResult;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;
import org.imigateway.connectors.Delivery;
import org.imigateway.connectors.fs.FolderInbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import org.imigateway.pmode.SecurityProfile;
/** Each security profile's leg carries signed, encrypted messages with valid receipts both ways. */
class SecurityProfileExchangeTest {

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

    @ParameterizedTest
    @EnumSource(SecurityProfile.class)
    void messageIsReceiptedAndDeliveredBothWaysOnTheLegOfEachProfile(SecurityProfile profile) throws Exception {
        exchange(profile, "gw-a", "gw-b");
        exchange(profile, "gw-b", "gw-a");
    }

    private void exchange(SecurityProfile profile, String from, String to) throws Exception {
        byte[] content = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><request xmlns=\"urn:test\">" + profile.id()
                + " from " + from + "</request>").getBytes(StandardCharsets.UTF_8);
        Path xml = Files.write(dir.resolve(profile.id() + "-" + from + ".xml"), content);
        Submission submission = Submission.to(to)
                .service(DemoNetwork.SERVICE, DemoNetwork.SERVICE_TYPE)
                .action(DemoNetwork.action(profile))
                .property(MessageProperty.of("originalSender", "urn:authority:" + from))
                .property(MessageProperty.of("finalRecipient", "urn:authority:" + to))
                .payload(new Payload(xml, "application/xml", Optional.of("UTF-8"), java.util.List.of()))
                .build();
        Gateway sender = network.gateway(from);
        SendResult result = sender.send(submission);
        SendResult.Acknowledged ack = assertInstanceOf(SendResult.Acknowledged.class, result, result::toString);

        Path folder = TestNetwork.awaitDelivered(network.gateway(to), ack.messageId());
        Delivery meta = FolderInbox.read(folder);
        assertEquals(DemoNetwork.action(profile), meta.action());
        assertArrayEquals(content, Files.readAllBytes(folder.resolve("payload-1")));
    }
}
