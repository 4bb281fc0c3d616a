package org.imigateway.pmode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.imigateway.demo.DemoNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PModeLoaderTest {

    @TempDir
    static Path dir;
    static Path pmodes;

    @BeforeAll
    static void network() throws Exception {
        DemoNetwork network = DemoNetwork.create(dir.resolve("net"), List.of("gw-a", "gw-b"), false);
        pmodes = network.home("gw-a").resolve("config/pmodes");
    }

    @Test
    void demoPModesLoadWithPartiesAndLeg() throws Exception {
        PModeSet set = new PModeLoader().load(pmodes);
        assertEquals(2, set.parties().size());
        Leg leg = set.leg("demo-exchange").orElseThrow();
        assertEquals(SecurityProfile.EDELIVERY_1_15, leg.securityProfile());
        assertTrue(leg.sign() && leg.encrypt() && leg.compress());
        assertEquals(Duration.ofSeconds(4), leg.retry().orElseThrow().delays().get(0));
        assertEquals("gw-b", set.partyById("gw-b", "").orElseThrow().name());
    }

    @Test
    void schemaErrorNamesFileLineAndField() throws Exception {
        Path bad = copyWith("bad-profile", "profile=\"edelivery-1.15\"", "profile=\"edelivery-0.9\"");
        PModeException e = assertThrows(PModeException.class, () -> new PModeLoader().load(bad));
        String problem = e.problems().get(0);
        assertTrue(problem.contains("pmodes.xml:"), problem);
        assertTrue(problem.matches(".*pmodes\\.xml:\\d+:\\d+: .*edelivery-0\\.9.*"), problem);
    }

    @Test
    void missingCertificateFileIsNamed() throws Exception {
        Path bad = copyWith("no-cert", "certs/gw-b-signing.pem", "certs/nowhere.pem");
        PModeException e = assertThrows(PModeException.class, () -> new PModeLoader().load(bad));
        assertTrue(e.getMessage().contains("party 'gw-b': signingCertificate") && e.getMessage().contains("nowhere.pem"),
                e.getMessage());
    }

    @Test
    void badRetrySpecificationIsNamed() throws Exception {
        Path bad = copyWith("bad-retry", "retry=\"" + LegXml.DEMO_RETRY + "\"", "retry=\"2;0.5;0.5;PROGRESSIVE\"");
        PModeException e = assertThrows(PModeException.class, () -> new PModeLoader().load(bad));
        assertTrue(e.getMessage().contains("receptionAwareness") && e.getMessage().contains("factor"), e.getMessage());
    }

    @Test
    void demoPModesCarryEachPartysCertificatesForEveryProfile() throws Exception {
        PModeSet set = new PModeLoader().load(pmodes);
        Party gwA = set.party("gw-a").orElseThrow();
        assertEquals("EdDSA", gwA.signingCertificate(SecurityProfile.EDELIVERY_2_0_EDDSA).getPublicKey().getAlgorithm());
        assertEquals("XDH", gwA.encryptionCertificate(SecurityProfile.EDELIVERY_2_0_EDDSA).getPublicKey().getAlgorithm());
        assertEquals("EC", gwA.encryptionCertificate(SecurityProfile.EDELIVERY_2_0_ECDSA).getPublicKey().getAlgorithm());
        assertEquals(SecurityProfile.EDELIVERY_2_0_ECDSA,
                set.leg("demo-exchange-edelivery-2.0-ecdsa").orElseThrow().securityProfile());
    }

    @Test
    void profileCertificatesForAs4OneFifteenAreRefusedAsDuplicate() throws Exception {
        Path bad = copyWith("dup-115", "profileCertificates profile=\"edelivery-2.0-ecdsa\"",
                "profileCertificates profile=\"edelivery-1.15\"");
        PModeException e = assertThrows(PModeException.class, () -> new PModeLoader().load(bad));
        assertTrue(e.getMessage().contains("profileCertificates 'edelivery-1.15': this profile already has its certificates"),
                e.getMessage());
    }

    @Test
    void unknownInitiatorAndDuplicateLegAreBothReported() throws Exception {
        String xml = Files.readString(pmodes.resolve("pmodes.xml"));
        String leg = xml.substring(xml.indexOf("  <leg"), xml.indexOf("</pmodes>"));
        String second = leg.replace("demo-exchange", "copy").replace("<security", "<initiator>gw-z</initiator>\n    <security");
        Path bad = folder("two-problems", xml.replace("</pmodes>", second + "</pmodes>"));
        PModeException e = assertThrows(PModeException.class, () -> new PModeLoader().load(bad));
        assertTrue(e.getMessage().contains("initiator 'gw-z'"), e.getMessage());
    }

    @Test
    void doctypeInAPModeIsRefused() throws Exception {
        Path canary = Files.writeString(dir.resolve("canary.txt"), "secret");
        String xml = Files.readString(pmodes.resolve("pmodes.xml")).replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                "<?xml version=\"1.0\"?><!DOCTYPE pmodes [<!ENTITY x SYSTEM \"" + canary.toUri() + "\">]>")
                .replace("<action>Deliver</action>", "<action>&x;</action>");
        Path bad = folder("doctype", xml);
        PModeException e = assertThrows(PModeException.class, () -> new PModeLoader().load(bad));
        assertTrue(!e.getMessage().contains("secret"), e.getMessage());
    }

    @Test
    void progressiveRetryDoublesWithinTheTimeout() {
        RetryPolicy policy = RetryPolicy.parse("10;1;2;PROGRESSIVE");
        assertEquals(List.of(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4)), policy.delays());
        assertEquals(Duration.ofMinutes(10), policy.timeout());
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.parse("10;3;SOMETIMES"));
    }

    @Test
    void nextCertificatesAreLoadedBesideThePartysFirstPair() throws Exception {
        Path folder = folder("next", withNextCertificates("certs/gw-b-signing.pem", "certs/gw-a-encryption.pem"));
        Party gwB = new PModeLoader().load(folder).party("gw-b").orElseThrow();
        assertEquals(2, gwB.allPairs(SecurityProfile.EDELIVERY_1_15).size());
        assertTrue(gwB.allCertificates().size() > new PModeLoader().load(pmodes).party("gw-b").orElseThrow()
                .allCertificates().size());
    }

    @Test
    void missingNextCertificateFileIsNamed() throws Exception {
        Path bad = folder("next-missing", withNextCertificates("certs/nowhere-next.pem", "certs/gw-b-encryption.pem"));
        PModeException e = assertThrows(PModeException.class, () -> new PModeLoader().load(bad));
        assertTrue(e.getMessage().contains("party 'gw-b': nextCertificates 'edelivery-1.15': signingCertificate")
                && e.getMessage().contains("nowhere-next.pem"), e.getMessage());
    }

    /** The demo PModes with one nextCertificates pair added to gw-b, the last party. */
    private static String withNextCertificates(String signing, String encryption) throws Exception {
        String xml = Files.readString(pmodes.resolve("pmodes.xml"));
        int end = xml.lastIndexOf("  </party>");
        return xml.substring(0, end) + "    <nextCertificates profile=\"edelivery-1.15\">\n      <signingCertificate>"
                + signing + "</signingCertificate>\n      <encryptionCertificate>" + encryption
                + "</encryptionCertificate>\n    </nextCertificates>\n" + xml.substring(end);
    }

    private static Path copyWith(String name, String from, String to) throws Exception {
        String xml = Files.readString(pmodes.resolve("pmodes.xml"));
        assertTrue(xml.contains(from), "test set-up: the demo PModes no longer contain " + from);
        return folder(name, xml.replace(from, to));
    }

    private static Path folder(String name, String xml) throws Exception {
        Path folder = Files.createDirectories(dir.resolve(name));
        Path certs = Files.createDirectories(folder.resolve("certs"));
        try (var files = Files.list(pmodes.resolve("certs"))) {
            for (Path f : files.toList()) {
                Files.copy(f, certs.resolve(f.getFileName()));
            }
        }
        Files.writeString(folder.resolve("pmodes.xml"), xml, StandardCharsets.UTF_8);
        return folder;
    }
}
