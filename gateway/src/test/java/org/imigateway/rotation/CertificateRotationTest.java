package org.imigateway.rotation;

import static org.imigateway.GatewayParts.partsOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import javax.management.JMX;

import org.apache.wss4j.common.crypto.CryptoType;
import org.imigateway.Gateway;
import org.imigateway.TestNetwork;
import org.imigateway.as4.EbmsErrorCode;
import org.imigateway.as4.outflow.SendResult;
import org.imigateway.certificates.CertificateAuthority;
import org.imigateway.certificates.CertificatePurpose;
import org.imigateway.certificates.CertificateRequest;
import org.imigateway.certificates.IssuedCertificate;
import org.imigateway.certificates.PkiLayout;
import org.imigateway.certificates.Stores;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.ops.GatewayBean;
import org.imigateway.ops.GatewayMXBean;
import org.imigateway.store.MessageStatus;
import org.imigateway.testsupport.GatewayHome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * One rotation story on two running gateways, never restarted: red learns blue's new
 * certificates by a PMode reload, blue rotates its own keys by a reload. Real certificates with
 * chosen validity from the demo CA; real signed and encrypted messages on loopback.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(300)
@EnabledIfSystemProperty(named = "rotation.network", matches = "true") // -Protation: two gateways take too long for the default run
class CertificateRotationTest {

    private static final char[] PASSWORD = "changeit-demo".toCharArray();

    @TempDir
    static Path dir;

    private static TestNetwork network;
    private static Gateway red;
    private static Gateway blue;
    private static CertificateAuthority ca;
    private static Path payload;
    private static IssuedCertificate blueNextSigning;

    @BeforeAll
    static void start() throws Exception {
        network = TestNetwork.create(dir.resolve("net"), "red", "blue");
        ca = CertificateAuthority.load(PkiLayout.caKeyStore(network.plan().pki()), PASSWORD);
        red = network.start("red");
        blue = network.start("blue");
        payload = Files.writeString(dir.resolve("note.xml"), "<note xmlns=\"urn:test\">rotation</note>",
                StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stop() {
        if (network != null) {
            network.close();
        }
    }

    @Test
    @Order(1)
    void partnersNewSigningCertificateIsAcceptedBesideTheOldDuringTheOverlap() throws Exception {
        // starts after blue's first certificate, so it is the newer one
        blueNextSigning = issue("blue next signing", CertificatePurpose.SIGNING, minutesAgo(30), Instant.now().plus(365, ChronoUnit.DAYS));
        addNextCertificates(red, "blue", blueNextSigning.certificate(), null);
        red.reloadPModes();

        // the reload rebuilt the store WSS4J looks IssuerSerial and SKI references up in
        X509Certificate next = blueNextSigning.certificate();
        CryptoType byIssuerSerial = new CryptoType(CryptoType.TYPE.ISSUER_SERIAL);
        byIssuerSerial.setIssuerSerial(next.getIssuerX500Principal().getName(), next.getSerialNumber());
        assertEquals(next, partsOf(red).cryptos().verification().getX509Certificates(byIssuerSerial)[0]);
        CryptoType bySki = new CryptoType(CryptoType.TYPE.SKI_BYTES);
        bySki.setBytes(partsOf(red).cryptos().verification().getSKIBytesFromCert(next));
        assertEquals(next, partsOf(red).cryptos().verification().getX509Certificates(bySki)[0]);

        String signedWithOld = blue.submit(message("red"));
        TestNetwork.awaitDelivered(red, signedWithOld);

        useOwnKey(blue, "signing", blueNextSigning, "blue-signing.pem");
        blue.reloadPModes();
        String signedWithNew = blue.submit(message("red"));
        TestNetwork.awaitDelivered(red, signedWithNew);
        // blue's receipt is now signed with its new key too, and red accepts it
        String toBlue = red.submit(message("blue"));
        assertEquals(MessageStatus.ACKNOWLEDGED, red.awaitOutcome(toBlue, Duration.ofSeconds(60)).status());

        String accepted = jmx("red").getActiveCertificates().get("blue:signing");
        assertTrue(accepted.contains(next.getSerialNumber().toString(16)) && accepted.contains(" and "),
                "during the overlap both of blue's signing certificates are in force: " + accepted);
    }

    @Test
    @Order(2)
    void aPartnerSigningCertificatePastItsEndIsRefusedThoughThePModesListIt() throws Exception {
        IssuedCertificate ended = issue("blue ended signing", CertificatePurpose.SIGNING,
                Instant.now().minus(3, ChronoUnit.DAYS), Instant.now().minus(1, ChronoUnit.DAYS));
        addNextCertificates(red, "blue", ended.certificate(), null);
        red.reloadPModes();
        useOwnKey(blue, "signing", ended, "blue-signing.pem");
        blue.reloadPModes();

        SendResult refused = blue.send(message("red"));
        SendResult.Failed failed = assertInstanceOf(SendResult.Failed.class, refused, refused::toString);
        assertEquals(EbmsErrorCode.FAILED_AUTHENTICATION, failed.error().code(), failed.error().detail());

        useOwnKey(blue, "signing", blueNextSigning, "blue-signing.pem");
        blue.reloadPModes();
        assertInstanceOf(SendResult.Acknowledged.class, blue.send(message("red")));
    }

    @Test
    @Order(3)
    void ownEncryptionKeyRotatedWhileMessagesEncryptedForTheOldKeyAreStillDecrypted() throws Exception {
        IssuedCertificate nextEncryption = issue("blue next encryption", CertificatePurpose.ENCRYPTION, minutesAgo(30),
                Instant.now().plus(365, ChronoUnit.DAYS));
        Path blueKeys = blueKeyStore();
        KeyStore keys = Stores.read(blueKeys, PASSWORD);
        keys.setKeyEntry("retired-encryption-1", keys.getKey("encryption", PASSWORD), PASSWORD,
                keys.getCertificateChain("encryption"));
        Stores.write(keys, blueKeys, PASSWORD);
        useOwnKey(blue, "encryption", nextEncryption, "blue-encryption.pem");
        blue.reloadPModes();

        // red has not heard of the new key yet: it still encrypts for the old certificate
        String forOldKey = red.submit(message("blue"));
        TestNetwork.awaitDelivered(blue, forOldKey);

        addNextCertificates(red, "blue", blueNextSigning.certificate(), nextEncryption.certificate());
        red.reloadPModes();
        assertTrue(jmx("red").getActiveCertificates().get("blue:encryption")
                .contains(nextEncryption.certificate().getSerialNumber().toString(16)));

        // without the old key blue can decrypt only what is encrypted for the new one
        keys = Stores.read(blueKeys, PASSWORD);
        keys.deleteEntry("retired-encryption-1");
        Stores.write(keys, blueKeys, PASSWORD);
        blue.reloadPModes();
        String forNewKey = red.submit(message("blue"));
        TestNetwork.awaitDelivered(blue, forNewKey);
        assertEquals(MessageStatus.ACKNOWLEDGED, red.awaitOutcome(forNewKey, Duration.ofSeconds(60)).status());
    }

    private static Submission message(String to) {
        return Submission.to(to).service(DemoNetwork.SERVICE, DemoNetwork.SERVICE_TYPE).action(DemoNetwork.ACTION)
                .payload(Payload.of(payload, "application/xml")).build();
    }

    private static Instant minutesAgo(int minutes) {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(minutes, ChronoUnit.MINUTES);
    }

    private static IssuedCertificate issue(String name, CertificatePurpose purpose, Instant notBefore, Instant notAfter) {
        return ca.issue(new CertificateRequest(name, purpose, notBefore, notAfter, List.of()));
    }

    private static Path blueKeyStore() {
        return network.plan().home("blue").resolve("keystores/blue.p12");
    }

    /** Puts a new key pair under {@code alias} of the gateway's key store and its certificate where its PModes name it. */
    private static void useOwnKey(Gateway gateway, String alias, IssuedCertificate issued, String pem) throws Exception {
        Path home = network.plan().home(gateway.partyName());
        Path file = home.resolve("keystores/" + gateway.partyName() + ".p12");
        KeyStore keys = Stores.read(file, PASSWORD);
        keys.setKeyEntry(alias, issued.privateKey(), PASSWORD, issued.chain().toArray(X509Certificate[]::new));
        Stores.write(keys, file, PASSWORD);
        Stores.writePem(home.resolve("config/pmodes/certs/" + pem), List.of(issued.certificate()));
    }

    /** Adds a {@code nextCertificates} pair to {@code party} in the gateway's PModes; no encryption certificate keeps the first. */
    private static void addNextCertificates(Gateway gateway, String party, X509Certificate signing,
            X509Certificate encryption) throws Exception {
        Path home = network.plan().home(gateway.partyName());
        String tag = signing.getSerialNumber().toString(16);
        Stores.writePem(home.resolve("config/pmodes/certs/" + party + "-signing-" + tag + ".pem"), List.of(signing));
        String encryptionFile = party + "-encryption.pem";
        if (encryption != null) {
            encryptionFile = party + "-encryption-" + encryption.getSerialNumber().toString(16) + ".pem";
            Stores.writePem(home.resolve("config/pmodes/certs/" + encryptionFile), List.of(encryption));
        }
        String element = """
                    <nextCertificates profile="edelivery-1.15">
                      <signingCertificate>certs/%s-signing-%s.pem</signingCertificate>
                      <encryptionCertificate>certs/%s</encryptionCertificate>
                    </nextCertificates>
                """.formatted(party, tag, encryptionFile);
        GatewayHome.at(home).editPModes(xml -> {
            int start = xml.indexOf("<party name=\"" + party + "\">");
            int end = xml.indexOf("  </party>", start);
            return xml.substring(0, end) + element + xml.substring(end);
        });
    }

    private static GatewayMXBean jmx(String party) {
        return JMX.newMXBeanProxy(ManagementFactory.getPlatformMBeanServer(), GatewayBean.objectName(party),
                GatewayMXBean.class);
    }
}
