package org.imigateway.certificates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.cert.X509Certificate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileKeysTest {

    private static final CertificateAuthority CA = CertificateAuthority.create("Profile Test CA");

    @Test
    void x25519EncryptionCertificateIsSignedByTheRsaCaForKeyAgreementOnly() throws Exception {
        IssuedCertificate issued = CA.issueEncryption("gw-x", KeyAlgorithm.X25519);
        X509Certificate certificate = issued.certificate();
        certificate.verify(CA.certificate().getPublicKey());
        assertEquals("XDH", certificate.getPublicKey().getAlgorithm());
        boolean[] usage = certificate.getKeyUsage();
        assertTrue(usage[4], "keyAgreement");
        assertEquals(false, usage[2], "keyEncipherment");
    }

    @Test
    void ed25519AndP256SigningCertificatesCarryTheirKeys() {
        assertEquals("EdDSA", CA.issueSigning("gw-x", KeyAlgorithm.ED25519).certificate().getPublicKey().getAlgorithm());
        assertEquals("EC", CA.issueSigning("gw-x", KeyAlgorithm.EC_P256).certificate().getPublicKey().getAlgorithm());
    }

    @Test
    void x25519KeyCannotBeRequestedForSigning() {
        PkiException e = assertThrows(PkiException.class,
                () -> CertificateRequest.of("gw-x", CertificatePurpose.SIGNING).keyAlgorithm(KeyAlgorithm.X25519));
        assertTrue(e.getMessage().contains("X25519"), e.getMessage());
    }

    @Test
    void partyKitHoldsEveryProfileKeyAndReadsThemBack(@TempDir Path dir) {
        PartyKit kit = PartyKit.issue(CA, "gw-p", java.util.List.of("localhost"));
        kit.writeTo(dir, "pw".toCharArray());
        PartyKit read = PartyKit.read(dir, "gw-p", "pw".toCharArray());
        for (String alias : PartyKit.PROFILE_ALIASES.keySet()) {
            assertEquals(kit.profileKey(alias).orElseThrow().certificate(), read.profileKey(alias).orElseThrow().certificate(), alias);
            assertTrue(java.nio.file.Files.isRegularFile(PartyKit.certificateFile(dir, "gw-p", alias)), alias);
        }
        assertEquals("XDH", read.profileKey(PartyKit.ENCRYPTION_X25519_ALIAS).orElseThrow().privateKey().getAlgorithm());
    }
}
