package org.imigateway.cli;

import static org.imigateway.GatewayParts.partsOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.imigateway.Gateway;
import org.imigateway.TestNetwork;
import org.imigateway.as4.outflow.SendResult;
import org.imigateway.certificates.CertificateAuthority;
import org.imigateway.certificates.PartyKit;
import org.imigateway.certificates.PkiLayout;
import org.imigateway.certificates.Stores;
import org.imigateway.connectors.Delivery;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;
import org.imigateway.connectors.fs.FolderInbox;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.pmode.Leg;
import org.imigateway.pmode.PModeLoader;
import org.imigateway.pmode.RetryPolicy;
import org.imigateway.testsupport.DemoPki;
import org.imigateway.testsupport.FreePort;
import org.imigateway.testsupport.phase4.Edelivery115Profile;
import org.imigateway.testsupport.phase4.Phase4Keys;
import org.imigateway.testsupport.phase4.Phase4Party;
import org.imigateway.testsupport.phase4.Phase4Payload;
import org.imigateway.testsupport.phase4.Phase4Property;
import org.imigateway.testsupport.phase4.Phase4Received;
import org.imigateway.testsupport.phase4.Phase4Receiver;
import org.imigateway.testsupport.phase4.Phase4SendOutcome;
import org.imigateway.testsupport.phase4.Phase4Sender;
import org.imigateway.testsupport.phase4.Phase4Submission;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What an integrator does with commands only: {@code init --port}, then {@code partner add} with
 * the certificate (DER, one for signing and encryption) of a phase4 4.4.1 partner, then phase4
 * sends to the gateway and receives from it. No file of the home is edited by the test. One
 * gateway serves every test of the class.
 */
class PartnerCommandTest {

    private static final char[] PASSWORD = DemoPki.DEMO_PASSWORD.toCharArray();
    private static final Phase4Party GW_A = Phase4Party.unregistered("gw-a");
    private static final String LEG = "service=" + DemoNetwork.SERVICE + ",serviceType=" + DemoNetwork.SERVICE_TYPE
            + ",action=" + DemoNetwork.ACTION + ",agreement=" + Edelivery115Profile.AGREEMENT;

    @TempDir
    static Path dir;
    static Path home;
    static int port;
    static Path partnerDer;
    static Phase4Keys partnerKeys;
    static Phase4Receiver receiver;
    static Gateway gateway;
    static CommandRun added;

    @BeforeAll
    static void initAddAndStart() throws Exception {
        port = FreePort.onLoopback();
        CommandRun init = CommandRun.run("init", "--dir", dir.resolve("net").toString(), "--party", "gw-a",
                "--port", String.valueOf(port));
        assertEquals(0, init.exit(), init.err());
        assertTrue(init.out().contains(DemoNetwork.DEMO_PASSWORD), "init names the demo password: " + init.out());
        home = dir.resolve("net/gw-a");

        // The partner's kit, issued by the CA the home trusts (as `imi-gateway certs issue` does);
        // the partner hands over its signing certificate only, in DER.
        CertificateAuthority ca = CertificateAuthority.load(PkiLayout.caKeyStore(dir.resolve("net/pki")), PASSWORD);
        Path partnerPki = Files.createDirectories(dir.resolve("partner-pki"));
        PartyKit.issue(ca, "p4", List.of("localhost")).writeTo(partnerPki, PASSWORD);
        partnerDer = Files.write(dir.resolve("p4-signing.der"),
                Stores.readCertificate(PartyKit.signingCertificateFile(partnerPki, "p4")).getEncoded());
        partnerKeys = new Phase4Keys(DemoPki.at(partnerPki).keyStore("p4"), PartyKit.SIGNING_ALIAS, PASSWORD,
                Stores.trustStore(Map.of("ca", ca.certificate())));
        receiver = Phase4Receiver.builder().keys(partnerKeys).self(Phase4Party.unregistered("p4")).partner(GW_A).start();

        added = CommandRun.run("partner", "add", "--home", home.toString(), "--name", "p4",
                "--endpoint", receiver.endpoint().toString(), "--signing-certificate", partnerDer.toString(),
                "--leg", LEG);
        gateway = Gateway.start(home);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void initPortAndPartnerAddLetPhase4SendAndReceiveWithoutEditingAFile() throws Exception {
        assertEquals(0, added.exit(), added.err());
        String properties = Files.readString(home.resolve("config/gateway.properties"));
        assertTrue(properties.contains("http.port=" + port + "\n"), properties);
        assertTrue(Files.readString(home.resolve("config/pmodes/pmodes.xml")).contains(":" + port + "/as4"));
        assertEquals("http://127.0.0.1:" + port + "/as4", gateway.endpoints().get(0));
        CommandRun listed = CommandRun.run("partner", "list", "--home", home.toString());
        assertTrue(listed.out().contains("p4 (added by partner add)") && listed.out().contains("the signing certificate"),
                listed.out());

        byte[] xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><request xmlns=\"urn:imi:test\">from p4</request>"
                .getBytes(StandardCharsets.UTF_8);
        Phase4SendOutcome outcome = new Phase4Sender().send(Phase4Submission.builder()
                .endpoint(URI.create(gateway.endpoints().get(0)))
                .keys(partnerKeys)
                .encryptFor(partsOf(gateway).pmodes().party("gw-a").orElseThrow().encryptionCertificate())
                .from(Phase4Party.unregistered("p4")).to(GW_A)
                .service(DemoNetwork.SERVICE, DemoNetwork.SERVICE_TYPE).action(DemoNetwork.ACTION)
                .agreementRef(Edelivery115Profile.AGREEMENT)
                .conversationId("partner-add")
                .property(Phase4Property.ORIGINAL_SENDER, "urn:authority:p4-backend")
                .property(Phase4Property.FINAL_RECIPIENT, "urn:authority:gw-a-backend")
                .payload(Phase4Payload.of(xml, "application/xml").withCharset(StandardCharsets.UTF_8))
                .build());
        Phase4SendOutcome.ReceiptReceived receipt = assertInstanceOf(Phase4SendOutcome.ReceiptReceived.class, outcome,
                outcome::toString);
        Delivery delivered = FolderInbox.read(TestNetwork.awaitDelivered(gateway, receipt.messageId()));
        assertEquals("p4", delivered.fromPartyId());

        Path note = Files.writeString(dir.resolve("to-p4.xml"), "<note xmlns=\"urn:imi:test\">to p4</note>");
        SendResult result = gateway.send(Submission.to("p4")
                .service(DemoNetwork.SERVICE, DemoNetwork.SERVICE_TYPE).action(DemoNetwork.ACTION)
                .conversationId("partner-add")
                .property(MessageProperty.of("originalSender", "urn:authority:gw-a-backend"))
                .property(MessageProperty.of("finalRecipient", "urn:authority:p4-backend"))
                .payload(new Payload(note, "application/xml", Optional.of("UTF-8"), List.of()))
                .build());
        SendResult.Acknowledged ack = assertInstanceOf(SendResult.Acknowledged.class, result, result::toString);
        Phase4Received received = receiver.awaitMessages(1, Duration.ofSeconds(30)).stream()
                .filter(m -> m.messageId().equals(ack.messageId())).findFirst().orElseThrow();
        assertArrayEquals(Files.readAllBytes(note), received.payloads().get(0).bytes());
    }

    @Test
    void aCertificateOfAnotherCaIsRefusedNamingItAndNothingIsWritten() throws Exception {
        // A CA's own certificate is enough: it chains to no anchor of the home.
        Path foreign = dir.resolve("foreign.pem");
        Stores.writePem(foreign, List.of(CertificateAuthority.create("Foreign Operator CA").certificate()));
        CommandRun refused = CommandRun.run("partner", "add", "--home", home.toString(), "--name", "stranger",
                "--endpoint", "https://stranger.example/as4",
                "--signing-certificate", foreign.toString(), "--leg", LEG);
        assertEquals(ExitCodes.REFUSED, refused.exit(), refused.out());
        assertTrue(refused.err().contains("does not validate against the trust anchors")
                && refused.err().contains("Foreign Operator CA"), refused.err());
        assertFalse(Files.exists(home.resolve("config/pmodes/partner-stranger.xml")), "nothing is written when refused");
        assertFalse(Files.exists(home.resolve("config/pmodes/certs/stranger-signing.pem")));
    }

    @Test
    void theRunningGatewayTakesAPartnerAddedAndRemovedAtItsReload() throws Exception {
        // The demo leg names no initiators, so a second partner may share it.
        String demoLeg = "service=" + DemoNetwork.SERVICE + ",action=" + DemoNetwork.ACTION + ",agreement="
                + DemoNetwork.AGREEMENT;
        Path kit = dir.resolve("partner-pki");
        CommandRun late = CommandRun.run("partner", "add", "--home", home.toString(), "--name", "late",
                "--party-id", "urn:example:late", "--endpoint", "https://late.example/as4",
                "--signing-certificate", PartyKit.encryptionCertificateFile(kit, "p4").toString(),
                "--encryption-certificate", PartyKit.signingCertificateFile(kit, "p4").toString(),
                "--leg", demoLeg);
        assertEquals(0, late.exit(), late.err());
        assertFalse(partsOf(gateway).pmodes().party("late").isPresent(), "not before the reload");
        gateway.reloadPModes(); // what `partner add` calls over remote JMX when the home has jmx.port
        assertEquals("urn:example:late", partsOf(gateway).pmodes().party("late").orElseThrow().partyId().value());

        CommandRun removed = CommandRun.run("partner", "remove", "--home", home.toString(), "--name", "late");
        assertEquals(0, removed.exit(), removed.err());
        gateway.reloadPModes();
        assertFalse(partsOf(gateway).pmodes().party("late").isPresent());
        assertFalse(Files.exists(home.resolve("config/pmodes/certs/late-signing.pem")));
        CommandRun self = CommandRun.run("partner", "remove", "--home", home.toString(), "--name", "gw-a");
        assertEquals(ExitCodes.REFUSED, self.exit());
        assertTrue(self.err().contains("is this gateway"), self.err());
    }

    @Test
    void initWithHostAndPortWritesThemIntoPropertiesAndEveryEndpoint() throws Exception {
        Path other = dir.resolve("hosted");
        // One party: each further party's kit costs seconds of key generation; the next port is
        // DemoNetwork's counting, the same code.
        CommandRun init = CommandRun.run("init", "--dir", other.toString(), "--party", "one",
                "--host", "localhost", "--port", "18401"); // written, never started: the port need not be free
        assertEquals(0, init.exit(), init.err());
        String pmodes = Files.readString(other.resolve("one/config/pmodes/pmodes.xml"));
        assertTrue(pmodes.contains("<endpoint>http://localhost:18401/as4</endpoint>"), pmodes);
        String one = Files.readString(other.resolve("one/config/gateway.properties"));
        assertTrue(one.contains("http.host=localhost\n") && one.contains("http.port=18401\n"), one);
        assertEquals(ExitCodes.USAGE, CommandRun.run("init", "--dir", dir.resolve("x").toString(), "--party", "a",
                "--port", "70000").exit());
    }

    @Test
    void initAlsoHttpsGivesEachHomeAnHttpsPortAfterTheHttpOnesWhileItsEndpointStaysHttp() throws Exception {
        Path other = dir.resolve("also-https");
        CommandRun init = CommandRun.run("init", "--dir", other.toString(), "--party", "one", "--port", "18411",
                "--also-https"); // written, never started
        assertEquals(0, init.exit(), init.err());
        assertTrue(init.out().contains("endpoint http://127.0.0.1:18411/as4, also https://localhost:18412/as4"), init.out());
        String pmodes = Files.readString(other.resolve("one/config/pmodes/pmodes.xml"));
        assertTrue(pmodes.contains("<endpoint>http://127.0.0.1:18411/as4</endpoint>"), pmodes);
        String one = Files.readString(other.resolve("one/config/gateway.properties"));
        assertTrue(one.contains("http.port=18411\n") && one.contains("https.port=18412\n"), one);

        CommandRun both = CommandRun.run("init", "--dir", dir.resolve("y").toString(), "--party", "a", "--https",
                "--also-https");
        assertEquals(ExitCodes.USAGE, both.exit());
        assertTrue(both.err().contains("--also-https"), both.err());
        CommandRun noRoom = CommandRun.run("init", "--dir", dir.resolve("z").toString(), "--party", "a", "--party", "b",
                "--port", "65533", "--also-https");
        assertEquals(ExitCodes.USAGE, noRoom.exit());
        assertTrue(noRoom.err().contains("two ports each"), noRoom.err());
        assertFalse(Files.exists(dir.resolve("y")) || Files.exists(dir.resolve("z")), "nothing written on a usage error");
    }

    @Test
    void aLegWithRetryIsWrittenWithThatReceptionAwarenessAndAnExistingLegCannotBeGivenOne() throws Exception {
        Path kit = dir.resolve("partner-pki");
        String quickLeg = "service=" + DemoNetwork.SERVICE + ",action=GiveUp,agreement=" + DemoNetwork.AGREEMENT
                + ",retry=0.1;2;CONSTANT";
        CommandRun quick = CommandRun.run("partner", "add", "--home", home.toString(), "--name", "quick",
                "--party-id", "urn:example:quick", "--endpoint", "https://quick.example/as4",
                "--signing-certificate", PartyKit.signingCertificateFile(kit, "p4").toString(), "--leg", quickLeg);
        assertEquals(0, quick.exit(), quick.err());
        Leg leg = new PModeLoader().load(home.resolve("config/pmodes")).legsFor(DemoNetwork.SERVICE, "GiveUp").get(0);
        RetryPolicy retry = leg.retry().orElseThrow();
        assertEquals(Duration.ofSeconds(6), retry.timeout());
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(2)), retry.delays());
        assertEquals(0, CommandRun.run("partner", "remove", "--home", home.toString(), "--name", "quick").exit());

        // the demo leg is shared by every party on it: its retries are not one partner's to set
        CommandRun shared = CommandRun.run("partner", "add", "--home", home.toString(), "--name", "shared",
                "--party-id", "urn:example:shared", "--endpoint", "https://shared.example/as4",
                "--signing-certificate", PartyKit.signingCertificateFile(kit, "p4").toString(), "--leg", "service="
                        + DemoNetwork.SERVICE + ",action=" + DemoNetwork.ACTION + ",agreement=" + DemoNetwork.AGREEMENT
                        + ",retry=0.1;2;CONSTANT");
        assertEquals(ExitCodes.REFUSED, shared.exit(), shared.out());
        assertTrue(shared.err().contains("exists already, so retry=0.1;2;CONSTANT cannot be set"), shared.err());
        assertFalse(Files.exists(home.resolve("config/pmodes/partner-shared.xml")), "nothing is written when refused");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "profile=edelivery-9         | profile 'edelivery-9'",
            "retry=0.1;2;SOMETIMES       | retry '0.1;2;SOMETIMES' is neither",
            "retry=0.1;two;CONSTANT      | retry '0.1;two;CONSTANT': a field is not a number (For input string",
            "retry=0;2;CONSTANT          | retry '0;2;CONSTANT': the timeout (0 minutes) must be above 0",
            "retry=0.1;-1;CONSTANT       | retry '0.1;-1;CONSTANT': the number of retries is negative",
            "retry=60;0;2;PROGRESSIVE    | the initial interval (0 minutes) must be above 0",
            "retry=60;1;0.5;PROGRESSIVE  | the factor must be at least 1"})
    void badLegIsAUsageErrorNamingTheValue(String key, String named) {
        CommandRun run = CommandRun.run("partner", "add", "--home", home.toString(), "--name", "bad",
                "--endpoint", "https://bad.example/as4", "--signing-certificate", partnerDer.toString(),
                "--leg", "service=urn:s,action=A,agreement=urn:a," + key);
        assertEquals(ExitCodes.USAGE, run.exit());
        assertTrue(run.err().contains("--leg 'service=urn:s,action=A,agreement=urn:a," + key + "'")
                && run.err().contains(named), run.err());
        assertFalse(Files.exists(home.resolve("config/pmodes/partner-bad.xml")));
    }
}
