package org.imigateway.certificates;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoresTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    private static CertificateAuthority ca;
    private static IssuedCertificate signing;

    @TempDir
    Path dir;

    @BeforeAll
    static void issue() {
        ca = SharedTestCa.ca();
        signing = ca.issueSigning("party-a");
    }

    @Test
    void keyStoreWrittenToDiskIsReadByThePlainJdkWithKeyAndChain() throws Exception {
        Path file = dir.resolve("party-a.p12");
        Stores.write(Stores.keyStore(Map.of("signing", signing), PASSWORD), file, PASSWORD);

        KeyStore jdk = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            jdk.load(in, PASSWORD);
        }

        assertEquals("SUN", jdk.getProvider().getName(), "the JDK's own PKCS12, not Bouncy Castle's");
        assertTrue(jdk.isKeyEntry("signing"));
        assertEquals(signing.privateKey(), jdk.getKey("signing", PASSWORD));
        assertArrayEquals(new Certificate[] {signing.certificate(), ca.certificate()}, jdk.getCertificateChain("signing"));
    }

    @Test
    void keyReadBackStillSignsForTheCertificate() throws Exception {
        Path file = dir.resolve("party-a.p12");
        Stores.write(Stores.keyStore(Map.of("signing", signing), PASSWORD), file, PASSWORD);
        PrivateKey key = (PrivateKey) Stores.read(file, PASSWORD).getKey("signing", PASSWORD);

        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(key);
        signer.update("payload".getBytes());
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(signing.certificate());
        verifier.update("payload".getBytes());

        assertTrue(verifier.verify(signature));
    }

    @Test
    void trustStoreHoldsTrustedCertificateEntries() throws Exception {
        Path file = dir.resolve("truststore.p12");
        Stores.write(Stores.trustStore(Map.of("ca", ca.certificate())), file, PASSWORD);

        KeyStore read = Stores.read(file, PASSWORD);

        assertTrue(read.isCertificateEntry("ca"));
        assertFalse(read.isKeyEntry("ca"));
        assertEquals(ca.certificate(), read.getCertificate("ca"));
    }

    @Test
    void certificatesCrlAndKeySurviveAPemRoundTrip() throws Exception {
        Path file = dir.resolve("all.pem");
        X509CRL crl = ca.crl();
        Stores.writePem(file, List.of(signing.certificate(), ca.certificate(), crl, signing.privateKey()));

        assertEquals(signing.certificate(), Stores.readCertificate(file));
        assertEquals(List.of(signing.certificate(), ca.certificate()), Stores.readCertificates(file));
        assertArrayEquals(crl.getEncoded(), Stores.readCrl(file).getEncoded());
        assertArrayEquals(signing.privateKey().getEncoded(), Stores.readPrivateKey(file).getEncoded());
    }

    @Test
    void privateKeyIsWrittenAsPkcs8() throws Exception {
        Path file = dir.resolve("key.pem");
        Stores.writePem(file, List.of(signing.privateKey()));

        String text = Files.readString(file);

        assertTrue(text.startsWith("-----BEGIN PRIVATE KEY-----"), text.lines().findFirst().orElse(""));
    }

    @Test
    void readingAMissingFileNamesIt() {
        Path missing = dir.resolve("missing.pem");

        PkiException error = assertThrows(PkiException.class, () -> Stores.readCertificate(missing));

        assertTrue(error.getMessage().contains(missing.toString()), error.getMessage());
    }

    @Test
    void fileWithoutTheWantedObjectIsReportedNotReturnedEmpty() throws Exception {
        Path certificateOnly = dir.resolve("cert.pem");
        Stores.writePem(certificateOnly, List.of(signing.certificate()));
        Path notPem = Files.write(dir.resolve("binary.pem"), new byte[] {0, (byte) 0xff, 3});

        assertThrows(PkiException.class, () -> Stores.readPrivateKey(certificateOnly));
        assertThrows(PkiException.class, () -> Stores.readCrl(certificateOnly));
        PkiException error = assertThrows(PkiException.class, () -> Stores.readCertificate(notPem));
        assertTrue(error.getMessage().contains("holds no certificate"), error.getMessage());
    }

    @Test
    void writingSomethingOtherThanCertificatesCrlsOrKeysIsRefusedBeforeTheFileIsTouched() {
        Path file = dir.resolve("odd.pem");

        assertThrows(PkiException.class, () -> Stores.writePem(file, List.of(signing.certificate(), "text")));
        assertFalse(Files.exists(file));
    }

    @Test
    void wrongPasswordIsReportedWithTheFile() {
        Path file = dir.resolve("party-a.p12");
        Stores.write(Stores.keyStore(Map.of("signing", signing), PASSWORD), file, PASSWORD);

        PkiException error = assertThrows(PkiException.class, () -> Stores.read(file, "nope".toCharArray()));

        assertTrue(error.getMessage().contains(file.toString()) && error.getMessage().contains("wrong password"),
                error.getMessage());
    }

    @Test
    void writeCreatesMissingDirectories() {
        Path file = dir.resolve("a/b/ca.pem");

        Stores.writePem(file, List.<X509Certificate>of(ca.certificate()));

        assertEquals(ca.certificate(), Stores.readCertificate(file));
    }
}
