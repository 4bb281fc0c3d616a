package org.imigateway.sandbox;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * The integrator's own AS4 endpoint, taken by the hub as its PMode partner {@value
 * SandboxDirectory#INTEGRATOR_ACCESS_POINT} instead of the access point the sandbox starts: the
 * hub sends to {@code endpoint}, encrypts for {@code encryption} and accepts what is signed with
 * {@code signing}. Every value is checked when the sandbox starts, and a bad one is named with
 * its option. The IMI legs use the eDelivery AS4 1.15 profile, so both certificates carry RSA
 * keys; the hub checks every signature's chain and revocation against the sandbox's CA, so they
 * must be issued by it.
 */
record Partner(URI endpoint, Path signingFile, X509Certificate signing, Path encryptionFile, X509Certificate encryption) {

    static final String ENDPOINT_OPTION = "--partner-endpoint";
    static final String CERT_OPTION = "--partner-cert";
    static final String ENCRYPTION_CERT_OPTION = "--partner-encryption-cert";

    /**
     * Reads the options. The endpoint need not answer yet (the hub retries); it must be an
     * absolute http or https URL with a host.
     */
    static Partner of(String endpoint, Path cert, Optional<Path> encryptionCert, Instant now) {
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(ENDPOINT_OPTION + " '" + endpoint + "': not a URL (" + e.getReason() + ")");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null) {
            throw new IllegalArgumentException(ENDPOINT_OPTION + " '" + endpoint
                    + "': not an http or https URL with a host (e.g. https://as4.example.org:8443/as4)");
        }
        X509Certificate signing = certificate(CERT_OPTION, cert, now);
        Path encryptionFile = encryptionCert.orElse(cert);
        X509Certificate encryption = encryptionCert.isPresent() ? certificate(ENCRYPTION_CERT_OPTION, encryptionFile, now) : signing;
        return new Partner(uri, cert, signing, encryptionFile, encryption);
    }

    /** Refuses a certificate the sandbox's CA did not issue: the hub would refuse every message signed with it. */
    void checkIssuedBy(X509Certificate ca, Path caFile) {
        check(CERT_OPTION, signingFile, signing, ca, caFile);
        check(ENCRYPTION_CERT_OPTION, encryptionFile, encryption, ca, caFile);
    }

    private static void check(String option, Path file, X509Certificate cert, X509Certificate ca, Path caFile) {
        try {
            if (!cert.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
                throw new GeneralSecurityException("issued by " + cert.getIssuerX500Principal().getName());
            }
            cert.verify(ca.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(option + " " + file + ": not issued by the sandbox's CA " + caFile + " ("
                    + e.getMessage() + "); the hub checks each signature against that CA and its revocation list, so"
                    + " give your endpoint the key store the sandbox wrote for you, " + caFile.getParent().resolveSibling(
                            SandboxDirectory.INTEGRATOR_ACCESS_POINT + "/keystores/" + SandboxDirectory.INTEGRATOR_ACCESS_POINT
                            + ".p12") + ", and " + CERT_OPTION + " its certificate, " + caFile.getParent().resolveSibling(
                            SandboxDirectory.INTEGRATOR_ACCESS_POINT + "/config/pmodes/certs/"
                            + SandboxDirectory.INTEGRATOR_ACCESS_POINT + "-signing.pem") + ")");
        }
    }

    static X509Certificate read(Path file) throws IOException, CertificateException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        if (!text.contains("-----BEGIN CERTIFICATE-----")) {
            throw new CertificateException("no -----BEGIN CERTIFICATE----- block");
        }
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
    }

    private static X509Certificate certificate(String option, Path file, Instant now) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(option + " " + file + ": no such file");
        }
        X509Certificate cert;
        try {
            cert = read(file);
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new IllegalArgumentException(option + " " + file + ": not a PEM X.509 certificate (" + e.getMessage() + ")");
        }
        if (cert.getNotAfter().toInstant().isBefore(now)) {
            throw new IllegalArgumentException(option + " " + file + ": expired on " + cert.getNotAfter().toInstant()
                    + " (" + cert.getSubjectX500Principal().getName() + ")");
        }
        if (cert.getNotBefore().after(Date.from(now))) {
            throw new IllegalArgumentException(option + " " + file + ": not valid before " + cert.getNotBefore().toInstant());
        }
        if (!cert.getPublicKey().getAlgorithm().equals("RSA")) {
            throw new IllegalArgumentException(option + " " + file + ": a " + cert.getPublicKey().getAlgorithm()
                    + " key; the IMI legs use the eDelivery AS4 1.15 profile, which signs and encrypts with RSA");
        }
        return cert;
    }
}
