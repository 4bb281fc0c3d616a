package org.imigateway.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;

import org.imigateway.Gateway;
import org.imigateway.GatewayParts;
import org.imigateway.TestNetwork;
import org.imigateway.certificates.CertificateAuthority;
import org.imigateway.certificates.IssuedCertificate;
import org.imigateway.certificates.Stores;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;
import org.imigateway.connectors.SubmissionException;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.store.MessageRecord;
import org.imigateway.store.MessageStatus;
import org.imigateway.testsupport.GatewayHome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Show 1 of issue 17: gateway A has no PMode party for B; it sends by B's participant id, finds
 * B's endpoint and certificate through a BDXL NAPTR on a loopback DNS server and a signed SMP 1.0
 * answer on a loopback SMP, and gets B's receipt verified; B, which has no PMode party for A
 * either, accepts A on the dynamic leg by its signing certificate. A participant the SML does not know is
 * refused before anything is built.
 */
class SendByParticipantTest {

    static final String ZONE = "sml.imi.test";
    static final ParticipantId B = ParticipantId.parse("iso6523-actorid-upis::0088:imi-b");
    static final Endpoint.DocumentType DOC = Endpoint.DocumentType.parse("imi-doctype::urn:imi:request:1.0");
    static final Endpoint.Process PROC = Endpoint.Process.parse("imi-process::urn:imi:cooperation");
    static final ParticipantId C = ParticipantId.parse("iso6523-actorid-upis::0088:imi-c");
    static final String ACTION = "DeliverByParticipant";

    @TempDir
    static Path dir;
    static TestNetwork network;
    static LoopbackDnsServer dns;
    static LoopbackSmp smp;
    static Gateway a;
    static Gateway b;

    @BeforeAll
    static void start() throws Exception {
        network = TestNetwork.create(dir.resolve("net"), "gw-a", "gw-b");
        network.addLeg("""
                  <leg id="by-participant" dynamic="true">
                    <service type="%s">%s</service>
                    <action>%s</action>
                    <security profile="edelivery-1.15"/>
                    <receptionAwareness retry="0.5;3;CONSTANT" duplicateDetection="true"/>
                  </leg>
                """.formatted(DemoNetwork.SERVICE_TYPE, DemoNetwork.SERVICE, ACTION));
        Path homeA = network.plan().home("gw-a");
        Path homeB = network.plan().home("gw-b");
        // A knows nothing of B: its address and certificate come from the SMP alone
        GatewayHome.at(homeA).editPModes(x -> x.replaceAll("(?s)\\s*<party name=\"gw-b\">.*?</party>", ""));
        // nor B of A: on the dynamic leg A is known by its signing certificate, which chains to B's trust.store
        GatewayHome.at(homeB).editPModes(x -> x.replaceAll("(?s)\\s*<party name=\"gw-a\">.*?</party>", ""));

        CertificateAuthority smpCa = CertificateAuthority.create("IMI test SMP CA");
        IssuedCertificate smpKey = smpCa.issueSigning("smp");
        Stores.write(Stores.trustStore(Map.of("smp-ca", smpCa.certificate())), homeA.resolve("smp-trust.p12"),
                "smp-pass".toCharArray());
        dns = new LoopbackDnsServer();
        smp = new LoopbackSmp(smpKey.privateKey(), smpKey.certificate());
        dns.naptr(BdxlName.of(B, ZONE), 100, 10, "U", "Meta:SMP", "!.*!" + smp.url() + "!");
        // one certificate, as an SMP publishes it: B signs its receipts with it and is encrypted for it
        X509Certificate certificateB = Stores.readCertificate(homeB.resolve("config/pmodes/certs/gw-b-signing.pem"));
        smp.publish(B, DOC, PROC, LoopbackSmp.Published.as4(URI.create(network.plan().endpoint("gw-b")), certificateB));
        // C's SMP entry names a certificate of a CA outside the network's trust store
        X509Certificate stranger = CertificateAuthority.create("Someone else's CA").issueSigning("gw-c").certificate();
        dns.naptr(BdxlName.of(C, ZONE), 100, 10, "U", "Meta:SMP", "!.*!" + smp.url() + "!");
        smp.publish(C, DOC, PROC, LoopbackSmp.Published.as4(URI.create(network.plan().endpoint("gw-b")), stranger));
        GatewayHome.at(homeA).appendProperties(
                "discovery.sml.zone=" + ZONE,
                "discovery.dns.server=" + dns.address().getHostString() + ":" + dns.address().getPort(),
                "discovery.smp.truststore=smp-trust.p12",
                "discovery.smp.truststore.password=smp-pass",
                "discovery.timeoutSeconds=3");
        b = network.start("gw-b");
        a = network.start("gw-a");
    }

    @AfterAll
    static void stop() throws Exception {
        if (network != null) {
            network.close();
        }
        if (smp != null) {
            smp.close();
        }
        if (dns != null) {
            dns.close();
        }
    }

    private static Submission.Builder toParticipant(String participant) throws Exception {
        Path payload = Files.writeString(Files.createTempFile(dir, "payload-", ".xml"), "<request>by participant</request>");
        return Submission.toParticipant(participant, DOC.toString(), PROC.toString())
                .service(DemoNetwork.SERVICE, DemoNetwork.SERVICE_TYPE).action(ACTION)
                .payload(Payload.of(payload, "application/xml"));
    }

    @Test
    void sendsByParticipantToAGatewayFoundThroughSmlAndSmp() throws Exception {
        String messageId = a.submit(toParticipant(B.toString()).build());
        MessageRecord outcome = a.awaitOutcome(messageId, Duration.ofSeconds(30));
        assertEquals(MessageStatus.ACKNOWLEDGED, outcome.status(), () -> "outcome: " + outcome);
        assertEquals("gw-b", outcome.header().toParty());
        TestNetwork.awaitDelivered(b, messageId);
        assertTrue(metric("fetched") + metric("cached") >= 1, "the lookup is counted in the gateway's metrics");
    }

    @Test
    void participantUnknownToTheSmlIsRefusedAndNothingIsSent() throws Exception {
        SubmissionException refused = assertThrows(SubmissionException.class,
                () -> a.submit(toParticipant("iso6523-actorid-upis::0088:nobody").build()));
        assertEquals("EBMS:0003", refused.errorCode());
        assertTrue(refused.getMessage().contains("NXDOMAIN"), refused.getMessage());
        // refused at the lookup, before a message was built or logged
        assertTrue(metric("nxdomain") >= 1, "the failed lookup is counted");
    }

    @Test
    void endpointCertificateOutsideTheApTrustIsRefusedWithEbms0010() throws Exception {
        SubmissionException refused = assertThrows(SubmissionException.class,
                () -> a.submit(toParticipant(C.toString()).build()));
        assertEquals("EBMS:0010", refused.errorCode());
        assertTrue(refused.getMessage().contains("UNTRUSTED_CERTIFICATE"), refused.getMessage());
    }

    @Test
    void participantOnALegNotMarkedDynamicIsRefused() throws Exception {
        SubmissionException refused = assertThrows(SubmissionException.class,
                () -> a.submit(toParticipant(B.toString()).action(DemoNetwork.ACTION).build()));
        assertEquals("EBMS:0010", refused.errorCode());
        assertTrue(refused.getMessage().contains("not marked dynamic"), refused.getMessage());
    }

    private static double metric(String outcome) {
        return GatewayParts.partsOf(a).metrics().values().getOrDefault("imi.discovery.lookups,outcome=" + outcome, 0.0);
    }
}
