package org.imigateway.interop.phase4;

import static org.imigateway.GatewayParts.partsOf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.imigateway.Gateway;
import org.imigateway.TestNetwork;
import org.imigateway.pmode.SecurityProfile;
import org.imigateway.as4.outflow.SendResult;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;
import org.imigateway.testsupport.DemoPki;
import org.imigateway.testsupport.GatewayHome;
import org.imigateway.testsupport.phase4.Edelivery20Profiles.Phase4Profile;
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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * phase4 as the peer on each eDelivery AS4 2.0 profile: it sends to our gateway and verifies our
 * receipt, and receives from our gateway while we verify its receipt. One phase4 party per
 * profile, each with its own receiver, so each profile's leg has an endpoint of its own. phase4
 * signs with the profile's signing key and finds the key agreement key in the same key store.
 */
class Phase4As4TwoInteropTest {

    private static final Phase4Party GW_A = Phase4Party.unregistered("gw-a");

    /** The phase4 party of each AS4 2.0 profile, with the aliases it signs with. */
    enum Peer {
        EDDSA("p4-eddsa", SecurityProfile.EDELIVERY_2_0_EDDSA, Phase4Profile.EDELIVERY_2_0_EDDSA),
        ECDSA("p4-ecdsa", SecurityProfile.EDELIVERY_2_0_ECDSA, Phase4Profile.EDELIVERY_2_0_ECDSA);

        final String party;
        final SecurityProfile ours;
        final Phase4Profile theirs;

        Peer(String party, SecurityProfile ours, Phase4Profile theirs) {
            this.party = party;
            this.ours = ours;
            this.theirs = theirs;
        }
    }

    @TempDir
    static Path dir;
    static TestNetwork network;
    static Gateway gateway;
    static final Map<Peer, Phase4Receiver> receivers = new EnumMap<>(Peer.class);
    static final Map<Peer, Phase4Keys> keys = new EnumMap<>(Peer.class);

    @BeforeAll
    static void start() throws Exception {
        network = TestNetwork.create(dir.resolve("net"), "gw-a", Peer.EDDSA.party, Peer.ECDSA.party);
        DemoPki pki = DemoPki.at(network.plan().pki());
        Phase4Runtime.forgetReceivedMessageIds();
        for (Peer peer : Peer.values()) {
            Phase4Keys peerKeys = pki.phase4Keys(peer.party, peer.ours.signingAlias());
            keys.put(peer, peerKeys);
            Phase4Receiver receiver = Phase4Receiver.builder().keys(peerKeys).profile(peer.theirs)
                    .self(Phase4Party.unregistered(peer.party)).partner(GW_A).start();
            receivers.put(peer, receiver);
            GatewayHome.at(network.plan().home("gw-a")).editPModes(
                    xml -> xml.replace(network.plan().endpoint(peer.party), receiver.endpoint().toString()));
        }
        gateway = network.start("gw-a");
    }

    @AfterAll
    static void stop() {
        receivers.values().forEach(Phase4Receiver::close);
        network.close();
    }

    @ParameterizedTest
    @EnumSource(Peer.class)
    void phase4SendsToOurGatewayAndAcceptsOurReceipt(Peer peer) throws Exception {
        byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><request xmlns=\"urn:imi:test\">" + peer.ours.id()
                + "</request>").getBytes(StandardCharsets.UTF_8);
        Phase4Party from = Phase4Party.unregistered(peer.party);
        Phase4SendOutcome outcome = new Phase4Sender().send(Phase4Submission.builder()
                .profile(peer.theirs)
                .endpoint(java.net.URI.create(gateway.endpoints().get(0)))
                .keys(keys.get(peer))
                .encryptFor(partsOf(gateway).pmodes().party("gw-a").orElseThrow().encryptionCertificate(peer.ours))
                .from(from).to(GW_A)
                .service(DemoNetwork.SERVICE, DemoNetwork.SERVICE_TYPE)
                .action(DemoNetwork.action(peer.ours))
                .agreementRef(DemoNetwork.AGREEMENT)
                .conversationId("phase4-" + peer.ours.id())
                .property(Phase4Property.ORIGINAL_SENDER, "urn:authority:phase4-backend")
                .property(Phase4Property.FINAL_RECIPIENT, "urn:authority:gw-a-backend")
                .payload(Phase4Payload.of(xml, "application/xml").withCharset(StandardCharsets.UTF_8))
                .build());

        Phase4SendOutcome.ReceiptReceived receipt = assertInstanceOf(Phase4SendOutcome.ReceiptReceived.class, outcome,
                outcome::toString);
        assertTrue(receipt.isFullyVerified(), "phase4 must verify our receipt's signature and NRR digests: " + receipt);
        Path folder = TestNetwork.awaitDelivered(gateway, receipt.messageId());
        Delivery meta = FolderInbox.read(folder);
        assertEquals(peer.party, meta.fromPartyId());
        assertEquals(DemoNetwork.action(peer.ours), meta.action());
        assertArrayEquals(xml, Files.readAllBytes(folder.resolve("payload-1")));
    }

    @ParameterizedTest
    @EnumSource(Peer.class)
    void ourGatewaySendsToPhase4AndAcceptsItsReceipt(Peer peer) throws Exception {
        Path xml = Files.writeString(dir.resolve("to-" + peer.party + ".xml"),
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><notification xmlns=\"urn:imi:test\">" + peer.ours.id()
                        + "</notification>", StandardCharsets.UTF_8);
        SendResult result = gateway.send(Submission.to(peer.party)
                .service(DemoNetwork.SERVICE, DemoNetwork.SERVICE_TYPE).action(DemoNetwork.action(peer.ours))
                .conversationId("to-" + peer.party)
                .property(MessageProperty.of("originalSender", "urn:authority:gw-a-backend"))
                .property(MessageProperty.of("finalRecipient", "urn:authority:phase4-backend"))
                .payload(new Payload(xml, "application/xml", Optional.of("UTF-8"), List.of()))
                .build());
        SendResult.Acknowledged ack = assertInstanceOf(SendResult.Acknowledged.class, result, result::toString);

        List<Phase4Received> received = receivers.get(peer).awaitMessages(1, Duration.ofSeconds(30));
        Phase4Received message = received.stream().filter(m -> m.messageId().equals(ack.messageId())).findFirst()
                .orElseThrow();
        assertTrue(message.decrypted(), "phase4 must have decrypted the attachment");
        assertArrayEquals(Files.readAllBytes(xml), message.payloads().get(0).bytes());
    }
}
