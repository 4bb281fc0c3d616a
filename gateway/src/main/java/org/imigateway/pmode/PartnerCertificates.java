package org.imigateway.pmode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * A partner's certificate as {@code partner add} takes it: read from its file (PEM or DER) and
 * validated against the home's trust anchors, the refusal naming the option, the file and why.
 */
final class PartnerCertificates {

    private PartnerCertificates() {
    }

    /** A certificate from a PEM or DER file, the first of a PEM chain. */
    static X509Certificate read(Path file, String option) {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException(option + ": file " + file + " does not exist");
        } catch (IOException | CertificateException | ClassCastException e) {
            throw new IllegalArgumentException(option + ": " + file + " is not an X.509 certificate (PEM or DER): "
                    + e.getMessage());
        }
    }

    static List<X509Certificate> anchors(KeyStore trust) {
        try {
            List<X509Certificate> anchors = new ArrayList<>();
            for (String alias : Collections.list(trust.aliases())) {
                if (trust.isCertificateEntry(alias)) {
                    anchors.add((X509Certificate) trust.getCertificate(alias));
                }
            }
            return anchors;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the trust store cannot be read", e);
        }
    }

    /**
     * A path from the certificate to one of the anchors, valid today. Revocation is not checked
     * here (the gateway checks it on every message against the CRL it has).
     */
    static void validate(X509Certificate certificate, List<X509Certificate> anchors, String what) {
        String subject = certificate.getSubjectX500Principal().getName();
        if (anchors.isEmpty()) {
            throw new IllegalArgumentException(what + ": the trust store holds no trust anchor");
        }
        try {
            Set<TrustAnchor> trusted = new java.util.HashSet<>();
            anchors.forEach(a -> trusted.add(new TrustAnchor(a, null)));
            PKIXParameters parameters = new PKIXParameters(trusted);
            parameters.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(List.of(certificate)), parameters);
        } catch (CertPathValidatorException e) {
            throw new IllegalArgumentException(what + " (subject " + subject + ", issuer "
                    + certificate.getIssuerX500Principal().getName() + ", SHA-256 " + fingerprint(certificate)
                    + ") does not validate against the trust anchors: " + reason(e)
                    + " (a partner's certificate must be issued by a CA in " + "the home's trust store)");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(what + ": cannot be validated: " + e.getMessage());
        }
    }

    private static String reason(CertPathValidatorException e) {
        String reason = e.getReason() == CertPathValidatorException.BasicReason.UNSPECIFIED
                ? "" : e.getReason() + ": ";
        return reason + e.getMessage();
    }

    private static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            return "?";
        }
    }
}
