package org.imigateway.certificates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Collections;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PkiLayoutTest {

    private static final char[] PASSWORD = "layout".toCharArray();

    private final CertificateAuthority ca = SharedTestCa.ca();

    @Test
    void caDirectoryHoldsCertificateCrlTrustStoreAndKeyStore(@TempDir Path dir) throws Exception {
        PkiLayout.writeCa(ca, dir, PASSWORD);

        assertEquals(Set.of("ca.pem", "ca-crl.pem", "truststore.p12", "ca.p12"), TestFiles.names(dir));
        assertEquals(ca.certificate(), Stores.readCertificate(PkiLayout.caCertificate(dir)));
        Stores.readCrl(PkiLayout.crl(dir)).verify(ca.certificate().getPublicKey());
        KeyStore trust = Stores.read(PkiLayout.trustStore(dir), PASSWORD);
        assertEquals(Set.of("ca"), Set.copyOf(Collections.list(trust.aliases())));
        assertTrue(trust.isCertificateEntry("ca"));
        assertTrue(Stores.read(PkiLayout.caKeyStore(dir), PASSWORD).isKeyEntry("ca"));
    }

    @Test
    void caWrittenToTheLayoutLoadsFromIt(@TempDir Path dir) throws Exception {
        PkiLayout.writeCa(ca, dir, PASSWORD);

        CertificateAuthority loaded = CertificateAuthority.load(PkiLayout.caKeyStore(dir), PASSWORD);

        loaded.issueSigning("later").certificate().verify(ca.certificate().getPublicKey());
        assertEquals(PkiLayout.crl(dir), CertificateAuthority.crlFileBeside(PkiLayout.caKeyStore(dir)));
    }
}
