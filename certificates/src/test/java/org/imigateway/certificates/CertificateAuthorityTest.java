package org.imigateway.certificates;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {

    private final CertificateAuthority ca = SharedTestCa.ca();

    @Test
    void caCertificateIsSelfSignedAndMayOnlySignCertificatesAndCrls() throws Exception {
        X509Certificate certificate = ca.certificate();

        certificate.verify(certificate.getPublicKey());
        assertEquals(new X500Principal("CN=Shared Test CA,O=IMI Gateway"), certificate.getSubjectX500Principal());
        assertEquals(Integer.MAX_VALUE, certificate.getBasicConstraints(), "CA without path length limit");
        assertTrue(certificate.getCriticalExtensionOIDs().contains(Extension.basicConstraints.getId()));
        boolean[] usage = certificate.getKeyUsage();
        assertTrue(usage[5], "keyCertSign");
        assertTrue(usage[6], "cRLSign");
        assertFalse(usage[0], "digitalSignature");
        assertEquals(3072, ((RSAKey) certificate.getPublicKey()).getModulus().bitLength());
        Duration lifetime = Duration.between(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
        assertEquals(3650, lifetime.toDays());
    }

    @Test
    void issuedCertificateNamesThePartyAndIsSignedByTheCa() throws Exception {
        IssuedCertificate issued = ca.issueSigning("party-a");
        X509Certificate certificate = issued.certificate();

        certificate.verify(ca.certificate().getPublicKey());
        assertEquals("CN=party-a,O=IMI Gateway", certificate.getSubjectX500Principal().getName());
        assertEquals(ca.certificate().getSubjectX500Principal(), certificate.getIssuerX500Principal());
        assertEquals("SHA256withRSA", certificate.getSigAlgName());
        assertEquals(-1, certificate.getBasicConstraints(), "not a CA");
        assertEquals(List.of(certificate, ca.certificate()), issued.chain());
        assertEquals(3072, ((RSAKey) issued.privateKey()).getModulus().bitLength());
        assertTrue(certificate.getSerialNumber().bitLength() > 64, "serial has enough random bits");
    }

    @Test
    void serialsDifferBetweenCertificates() {
        assertNotEquals(ca.issueTlsClient("one").certificate().getSerialNumber(),
                ca.issueTlsClient("two").certificate().getSerialNumber());
    }

    @Test
    void authorityKeyIdOfIssuedCertificateIsSubjectKeyIdOfTheCa() throws Exception {
        X509Certificate certificate = ca.issueEncryption("party-a").certificate();

        byte[] caKeyId = SubjectKeyIdentifier.getInstance(extension(ca.certificate(), Extension.subjectKeyIdentifier))
                .getKeyIdentifier();
        byte[] authorityKeyId = AuthorityKeyIdentifier.getInstance(extension(certificate, Extension.authorityKeyIdentifier))
                .getKeyIdentifier();
        byte[] ownKeyId = SubjectKeyIdentifier.getInstance(extension(certificate, Extension.subjectKeyIdentifier))
                .getKeyIdentifier();
        assertArrayEquals(caKeyId, authorityKeyId);
        assertFalse(Arrays.equals(caKeyId, ownKeyId));
    }

    @Test
    void signingAndEncryptionCertificatesCarryTheirKeyUsage() {
        boolean[] signing = ca.issueSigning("party-a").certificate().getKeyUsage();
        boolean[] encryption = ca.issueEncryption("party-a").certificate().getKeyUsage();

        assertArrayEquals(new boolean[] {true, true, false, false, false, false, false, false, false},
                signing, "digitalSignature + nonRepudiation");
        assertArrayEquals(new boolean[] {false, false, true, true, false, false, false, false, false},
                encryption, "keyEncipherment + dataEncipherment");
    }

    @Test
    void certificateWithValidityInThePastFailsCheckValidity() throws Exception {
        Instant now = Instant.now();
        X509Certificate expired = ca.issue(CertificateRequest.of("old-party", CertificatePurpose.SIGNING)
                .validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)))).certificate();
        X509Certificate current = ca.issueSigning("new-party").certificate();

        assertThrows(CertificateExpiredException.class, expired::checkValidity);
        current.checkValidity();
    }

    @Test
    void crlIsSignedByTheCaAndValidForSevenDays() throws Exception {
        Instant before = Instant.now();
        X509CRL crl = ca.crl();

        crl.verify(ca.certificate().getPublicKey());
        assertEquals(ca.certificate().getSubjectX500Principal(), crl.getIssuerX500Principal());
        Instant thisUpdate = crl.getThisUpdate().toInstant();
        assertTrue(thisUpdate.isBefore(before) && thisUpdate.isAfter(before.minus(Duration.ofMinutes(2))),
                "backdated about a minute: " + thisUpdate);
        assertEquals(Duration.ofDays(7), Duration.between(thisUpdate, crl.getNextUpdate().toInstant()));
        assertNotNull(crl.getExtensionValue(Extension.cRLNumber.getId()), "CRL number present");
    }

    @Test
    void revokedCertificateIsListedInTheNextCrlAndOthersAreNot() {
        X509Certificate revoked = ca.issueSigning("revoked-party").certificate();
        X509Certificate kept = ca.issueSigning("kept-party").certificate();

        assertFalse(ca.crl().isRevoked(revoked), "not revoked before revoke()");
        ca.revoke(revoked);
        X509CRL crl = ca.crl();

        assertTrue(crl.isRevoked(revoked));
        assertFalse(crl.isRevoked(kept));
    }

    @Test
    void revokingACertificateOfAnotherCaIsRefused() {
        X509Certificate foreign = SharedTestCa.stranger().issueSigning("stranger").certificate();

        PkiException error = assertThrows(PkiException.class, () -> ca.revoke(foreign));
        assertTrue(error.getMessage().contains("not issued by"), error.getMessage());
    }

    @Test
    void savedCaLoadsWithItsKeyAndRevocations(@TempDir Path dir) throws Exception {
        X509Certificate revoked = ca.issueTlsClient("leaver").certificate();
        ca.revoke(revoked);
        Path file = dir.resolve("ca.p12");
        ca.save(file, "secret".toCharArray());

        CertificateAuthority loaded = CertificateAuthority.load(file, "secret".toCharArray());

        assertEquals(ca.certificate(), loaded.certificate());
        loaded.issueSigning("after-load").certificate().verify(ca.certificate().getPublicKey());
        assertTrue(loaded.crl().isRevoked(revoked), "revocation survives save and load");
    }

    @Test
    void crlNumberKeepsIncreasingAcrossSaveAndLoad(@TempDir Path dir) {
        Path file = dir.resolve("ca.p12");
        ca.save(file, "pw".toCharArray());
        long saved = crlNumber(Stores.readCrl(CertificateAuthority.crlFileBeside(file)));

        long afterLoad = crlNumber(CertificateAuthority.load(file, "pw".toCharArray()).crl());

        assertEquals(saved + 1, afterLoad);
    }

    @Test
    void loadRejectsACrlSignedBySomeoneElse(@TempDir Path dir) {
        Path file = dir.resolve("ca.p12");
        ca.save(file, "pw".toCharArray());
        Stores.writePem(CertificateAuthority.crlFileBeside(file), List.of(SharedTestCa.stranger().crl()));

        PkiException error = assertThrows(PkiException.class, () -> CertificateAuthority.load(file, "pw".toCharArray()));
        assertTrue(error.getMessage().contains("ca-crl.pem"), error.getMessage());
    }

    @Test
    void loadWithWrongPasswordNamesTheFile(@TempDir Path dir) {
        Path file = dir.resolve("ca.p12");
        ca.save(file, "right".toCharArray());

        PkiException error = assertThrows(PkiException.class, () -> CertificateAuthority.load(file, "wrong".toCharArray()));
        assertTrue(error.getMessage().contains(file.toString()) && error.getMessage().contains("wrong password"),
                error.getMessage());
    }

    @Test
    void crlFileLiesBesideTheKeyStore() {
        assertEquals(Path.of("dir", "ca-crl.pem"), CertificateAuthority.crlFileBeside(Path.of("dir", "ca.p12")));
        assertEquals(Path.of("dir", "keys-crl.pem"), CertificateAuthority.crlFileBeside(Path.of("dir", "keys.pfx")));
    }

    private static long crlNumber(X509CRL crl) {
        try {
            byte[] value = crl.getExtensionValue(Extension.cRLNumber.getId());
            return ASN1Integer.getInstance(JcaX509ExtensionUtils.parseExtensionValue(value)).longValueExact();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static ASN1Primitive extension(X509Certificate certificate, ASN1ObjectIdentifier oid) throws IOException {
        byte[] value = certificate.getExtensionValue(oid.getId());
        assertNotNull(value, oid + " present");
        return JcaX509ExtensionUtils.parseExtensionValue(value);
    }
}
