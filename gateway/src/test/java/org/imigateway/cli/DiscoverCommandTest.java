package org.imigateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.imigateway.certificates.CertificateAuthority;
import org.imigateway.certificates.IssuedCertificate;
import org.imigateway.certificates.Stores;
import org.imigateway.discovery.BdxlName;
import org.imigateway.discovery.Endpoint;
import org.imigateway.discovery.LoopbackDnsServer;
import org.imigateway.discovery.LoopbackSmp;
import org.imigateway.discovery.ParticipantId;
import org.imigateway.testsupport.GatewayHome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code imi-gateway discover} against a loopback DNS server and SMP, on a home's settings. */
class DiscoverCommandTest {

    static final ParticipantId B = ParticipantId.parse("iso6523-actorid-upis::0088:imi-b");
    static final String DOC = "imi-doctype::urn:imi:request:1.0";
    static final String PROC = "imi-process::urn:imi:cooperation";

    static LoopbackDnsServer dns;
    static LoopbackSmp smp;
    static CertificateAuthority apCa;
    static CertificateAuthority smpCa;

    @TempDir
    static Path home;

    @BeforeAll
    static void start() throws Exception {
        apCa = CertificateAuthority.create("IMI test AP CA");
        smpCa = CertificateAuthority.create("IMI test SMP CA");
        IssuedCertificate smpKey = smpCa.issueSigning("smp");
        dns = new LoopbackDnsServer();
        smp = new LoopbackSmp(smpKey.privateKey(), smpKey.certificate());
        dns.naptr(BdxlName.of(B, "sml.imi.test"), 100, 10, "U", "Meta:SMP", "!.*!" + smp.url() + "!");
        smp.publish(B, Endpoint.DocumentType.parse(DOC), Endpoint.Process.parse(PROC),
                LoopbackSmp.Published.as4(URI.create("http://127.0.0.1:9/as4"), apCa.issueSigning("gateway-b").certificate()));
        char[] pw = "discovery-test".toCharArray();
        Files.createDirectories(home.resolve("config/pmodes"));
        Stores.write(Stores.trustStore(Map.of("smp-ca", smpCa.certificate())), home.resolve("config/smp-trust.p12"), pw);
        Stores.write(Stores.trustStore(Map.of("ap-ca", apCa.certificate())), home.resolve("config/ap-trust.p12"), pw);
        // the AP anchor is trust.store, with the revocation list of trust.crl: both of the test's AP CA
        Stores.writePem(home.resolve("config/ap-ca.crl"), java.util.List.of(apCa.crl()));
        // discover reads no key of ours: the home needs a keys.store that exists, not a real one
        Files.writeString(home.resolve("config/gateway.properties"), String.join("\n", "gateway.party=a",
                "keys.store=config/ap-trust.p12", "keys.password=discovery-test", "trust.store=config/ap-trust.p12",
                "trust.password=discovery-test", "trust.crl=config/ap-ca.crl", ""));
    }

    @AfterAll
    static void stop() throws Exception {
        smp.close();
        dns.close();
    }

    private static void settings(String... lines) throws Exception {
        // each test states its own discovery.* lines; the rest of the home stays
        Path file = GatewayHome.at(home).propertiesFile();
        String kept = Files.readString(file).replaceAll("(?m)^discovery\\..*\\R", "");
        Files.writeString(file, kept + String.join("\n", lines) + "\n");
    }

    @Test
    void printsTheEndpointCertificateAndWhereTheAnswerCameFrom() throws Exception {
        settings("discovery.sml.zone=sml.imi.test", "discovery.dns.server=127.0.0.1:" + dns.address().getPort(),
                "discovery.smp.truststore=config/smp-trust.p12", "discovery.smp.truststore.password=discovery-test");
        CommandRun run = CommandRun.run("discover", B.toString(), "--document-type", DOC, "--process", PROC,
                "--home", home.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("http://127.0.0.1:9/as4"), run.out());
        assertTrue(run.out().contains("CN=gateway-b"), run.out());
        assertTrue(run.out().contains(smp.url().toString()), run.out());
    }

    @Test
    void unregisteredParticipantExitsThreeNamingTheCause() throws Exception {
        settings("discovery.sml.zone=sml.imi.test", "discovery.dns.server=127.0.0.1:" + dns.address().getPort(),
                "discovery.smp.truststore=config/smp-trust.p12", "discovery.smp.truststore.password=discovery-test");
        CommandRun run = CommandRun.run("discover", "iso6523-actorid-upis::0088:nobody", "--document-type", DOC,
                "--process", PROC, "--home", home.toString());
        assertEquals(ExitCodes.REFUSED, run.exit(), run.out());
        assertTrue(run.err().contains("NXDOMAIN") && run.err().contains("EBMS:0003"), run.err());
    }

    @Test
    void discoveryWithoutSmpTrustStoreIsRefusedNamingTheKey() throws Exception {
        settings("discovery.sml.zone=sml.imi.test");
        CommandRun run = CommandRun.run("discover", B.toString(), "--document-type", DOC, "--process", PROC,
                "--home", home.toString());
        assertEquals(ExitCodes.REFUSED, run.exit());
        assertTrue(run.err().contains("discovery.smp.truststore"), run.err());
    }

    @Test
    void badSettingValueIsRefusedNamingKeyAndValue() throws Exception {
        settings("discovery.smp.url=ftp://smp.test/", "discovery.smp.truststore=config/smp-trust.p12",
                "discovery.cache.maxAgeSeconds=-5");
        CommandRun run = CommandRun.run("discover", B.toString(), "--document-type", DOC, "--process", PROC,
                "--home", home.toString());
        assertEquals(ExitCodes.REFUSED, run.exit());
        assertTrue(run.err().contains("discovery.smp.url=ftp://smp.test/"), run.err());
        assertTrue(run.err().contains("discovery.cache.maxAgeSeconds=-5"), run.err());
    }
}
