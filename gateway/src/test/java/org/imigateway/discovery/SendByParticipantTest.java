package org.imigateway.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.JMX;

import org.imigateway.Gateway;
import org.imigateway.GatewayParts;
import org.imigateway.TestNetwork;
import org.imigateway.certificates.CertificateAuthority;
import org.imigateway.certificates.IssuedCertificate;
import org.imigateway.certificates.Stores;
import org.imigateway.cli.CommandRun;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;
import org.imigateway.connectors.SubmissionException;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.ops.GatewayBean;
import org.imigateway.ops.GatewayMXBean;
import org.imigateway.store.MessageRecord;
import org.imigateway.store.MessageStatus;
import org.imigateway.testsupport.FreePort;
import org.imigateway.testsupport.GatewayHome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Show 1 of issue 17: gateway A has no PMode party for B; it sends by B's participant id, finds
 * B's endpoint and certificate through a BDXL NAPTR on a loopback DNS server and a signed SMP 1.0
 * answer on a loopback SMP, and gets B's receipt verified; B, which has no PMode party for A
 * either, accepts A on the dynamic leg by its signing certificate. A submission whose lookup fails (a
 * participant the SML does not know, an endpoint certificate outside the AP trust) is kept in the log as
 * SEND_FAILURE naming the cause, and an operator's resend looks up again and sends it (Show 3).
 */
class SendByParticipantTest {

    static final String ZONE = "sml.imi.test";
    static final ParticipantId B = ParticipantId.parse("iso6523-actorid-upis::0088:imi-b");
    static final Endpoint.DocumentType DOC = Endpoint.DocumentType.parse("imi-doctype::urn:imi:request:1.0");
    static final Endpoint.Process PROC = Endpoint.Process.parse("imi-process::urn:imi:cooperation");
    static final ParticipantId C = ParticipantId.parse("iso6523-actorid-upis::0088:imi-c");
    static final String ACTION = "DeliverByParticipant";
    static final Duration CACHE_MAX_AGE = Duration.ofSeconds(2);

    @TempDir
    static Path dir;
    static TestNetwork network;
    static LoopbackDnsServer dns;
    static LoopbackSmp smp;
    static Gateway a;
    static Gateway b;
    static X509Certificate certificateB;
    static Path tokenFile;

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
        certificateB = Stores.readCertificate(homeB.resolve("config/pmodes/certs/gw-b-signing.pem"));
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
                "discovery.timeoutSeconds=3",
                // short, so that Show 2 (a changed endpoint certificate) is seen within the test
                "discovery.cache.maxAgeSeconds=" + CACHE_MAX_AGE.toSeconds());
        tokenFile = dir.resolve("alice.token");
        CommandRun token = CommandRun.run("token", "--operator", "alice", "--out", tokenFile.toString());
        assertEquals(0, token.exit(), token.err());
        GatewayHome.at(homeA).appendProperties("submit.port=" + FreePort.onLoopback(), token.out().strip());
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
        Path delivered = TestNetwork.awaitDelivered(b, messageId);
        String metadata = Files.readString(delivered.resolve("metadata.xml"));
        assertTrue(metadata.contains("finalRecipient") && metadata.contains("0088:imi-b"),
                "the receiving backend's metadata names the participant: " + metadata);
        assertTrue(metric("fetched") + metric("cached") >= 1, "the lookup is counted in the gateway's metrics");
    }

    @Test
    void participantUnknownToTheSmlIsKeptAsSendFailureAndSentOnAResendOnceRegistered() throws Exception {
        ParticipantId d = ParticipantId.parse("iso6523-actorid-upis::0088:imi-d-registered-later");
        String messageId = a.submit(toParticipant(d.toString()).build());
        MessageRecord failed = a.awaitOutcome(messageId, Duration.ofSeconds(10));
        assertEquals(MessageStatus.SEND_FAILURE, failed.status(), () -> "outcome: " + failed);
        assertEquals(Optional.of("EBMS:0003"), failed.errorCode());
        assertTrue(failed.errorDetail().orElseThrow().contains("NXDOMAIN"), failed.errorDetail().orElseThrow());
        assertTrue(metric("nxdomain") >= 1, "the failed lookup is counted");

        dns.naptr(BdxlName.of(d, ZONE), 100, 10, "U", "Meta:SMP", "!.*!" + smp.url() + "!");
        smp.publish(d, DOC, PROC, LoopbackSmp.Published.as4(URI.create(network.plan().endpoint("gw-b")), certificateB));
        assertTrue(operator().resend(messageId));
        MessageRecord sent = a.awaitOutcome(messageId, Duration.ofSeconds(30));
        assertEquals(MessageStatus.ACKNOWLEDGED, sent.status(), () -> "outcome: " + sent);
        assertEquals("gw-b", sent.header().toParty());
        TestNetwork.awaitDelivered(b, messageId);
    }

    @Test
    void endpointCertificateOutsideTheApTrustIsKeptAsSendFailureWithEbms0010AndResentOnceTheSmpIsFixed()
            throws Exception {
        String messageId = a.submit(toParticipant(C.toString()).build());
        MessageRecord failed = a.awaitOutcome(messageId, Duration.ofSeconds(10));
        assertEquals(MessageStatus.SEND_FAILURE, failed.status(), () -> "outcome: " + failed);
        assertEquals(Optional.of("EBMS:0010"), failed.errorCode());
        assertTrue(failed.errorDetail().orElseThrow().contains("UNTRUSTED_CERTIFICATE"), failed.errorDetail().orElseThrow());
        // a resend while the SMP still names the stranger's certificate looks up again and fails again
        assertTrue(operator().resend(messageId));
        MessageRecord again = a.awaitOutcome(messageId, Duration.ofSeconds(10));
        assertEquals(MessageStatus.SEND_FAILURE, again.status(), () -> "outcome: " + again);
        assertTrue(again.errorDetail().orElseThrow().contains("UNTRUSTED_CERTIFICATE"), again.errorDetail().orElseThrow());

        smp.publish(C, DOC, PROC, LoopbackSmp.Published.as4(URI.create(network.plan().endpoint("gw-b")), certificateB));
        assertTrue(operator().resend(messageId));
        MessageRecord sent = a.awaitOutcome(messageId, Duration.ofSeconds(30));
        assertEquals(MessageStatus.ACKNOWLEDGED, sent.status(), () -> "outcome: " + sent);
        TestNetwork.awaitDelivered(b, messageId);
    }

    @Test
    void aChangedEndpointCertificateIsUsedOnceTheCachedAnswerHasExpired() throws Exception {
        ParticipantId e = ParticipantId.parse("iso6523-actorid-upis::0088:imi-e-renews-its-certificate");
        URI endpointB = URI.create(network.plan().endpoint("gw-b"));
        dns.naptr(BdxlName.of(e, ZONE), 100, 10, "U", "Meta:SMP", "!.*!" + smp.url() + "!");
        smp.publish(e, DOC, PROC, LoopbackSmp.Published.as4(endpointB, certificateB));
        String first = a.submit(toParticipant(e.toString()).build());
        assertEquals("gw-b", a.outbound(first).orElseThrow().header().toParty());

        // the SMP now names another certificate of the network for E's endpoint (here gw-a's own)
        X509Certificate renewed = Stores.readCertificate(network.plan().home("gw-a").resolve("config/pmodes/certs/gw-a-signing.pem"));
        smp.publish(e, DOC, PROC, LoopbackSmp.Published.as4(endpointB, renewed));
        String cached = a.submit(toParticipant(e.toString()).build());
        assertEquals("gw-b", a.outbound(cached).orElseThrow().header().toParty(), "within the cache's maximum age");
        assertEquals(MessageStatus.ACKNOWLEDGED, a.awaitOutcome(cached, Duration.ofSeconds(30)).status());

        Thread.sleep(CACHE_MAX_AGE.plusMillis(500).toMillis());
        String refreshed = a.submit(toParticipant(e.toString()).build());
        // encrypted for, addressed to and expecting a receipt signed by the renewed certificate (CN gw-a)
        assertEquals("gw-a", a.outbound(refreshed).orElseThrow().header().toParty());
        operator().moveToDeadLetterQueue(refreshed);
    }

    @Test
    void sendByParticipantThroughTheRunningGatewaysSubmissionEndpoint() throws Exception {
        Path payload = Files.writeString(dir.resolve("remote.xml"), "<request>by participant, remote</request>");
        CommandRun send = CommandRun.run("send", "--gateway", network.plan().home("gw-a").toString(), "--token-file",
                tokenFile.toString(), "--participant", B.toString(), "--document-type", DOC.toString(), "--process",
                PROC.toString(), "--service", DemoNetwork.SERVICE, "--service-type", DemoNetwork.SERVICE_TYPE, "--action",
                ACTION, "--file", payload.toString(), "--mime-type", "application/xml", "--wait", "60");
        assertEquals(0, send.exit(), send.out() + send.err());
        Matcher acknowledged = Pattern.compile("ACKNOWLEDGED (\\S+) after").matcher(send.out());
        assertTrue(acknowledged.find(), send.out());
        assertEquals("gw-b", a.outbound(acknowledged.group(1)).orElseThrow().header().toParty());
    }

    private static GatewayMXBean operator() {
        return JMX.newMXBeanProxy(ManagementFactory.getPlatformMBeanServer(), GatewayBean.objectName("gw-a"),
                GatewayMXBean.class);
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
