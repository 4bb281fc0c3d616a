package org.imigateway.certificates.cli;

import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The lines {@code certs show} prints for one certificate. */
final class CertificateDescription {

    private CertificateDescription() {
    }

    static List<String> of(X509Certificate certificate, Instant now) {
        List<String> text = new ArrayList<>();
        line(text, "Subject", certificate.getSubjectX500Principal().getName());
        line(text, "Issuer", certificate.getIssuerX500Principal().getName());
        line(text, "Serial", certificate.getSerialNumber().toString(16));
        line(text, "Valid", certificate.getNotBefore().toInstant() + " to " + certificate.getNotAfter().toInstant());
        line(text, "Days left", daysLeft(certificate, now));
        line(text, "Key", keyDescription(certificate.getPublicKey()));
        List<String> hosts = hostNames(certificate);
        if (!hosts.isEmpty()) {
            line(text, "Hosts", String.join(", ", hosts));
        }
        return text;
    }

    private static void line(List<String> text, String label, String value) {
        text.add(String.format("  %-10s %s", label + ":", value));
    }

    private static String daysLeft(X509Certificate certificate, Instant now) {
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (now.isBefore(notBefore)) {
            return "not valid yet (starts in " + Duration.between(now, notBefore).toDays() + " days)";
        }
        if (now.isAfter(notAfter)) {
            return "EXPIRED " + Duration.between(notAfter, now).toDays() + " days ago";
        }
        return Long.toString(Duration.between(now, notAfter).toDays());
    }

    private static String keyDescription(PublicKey key) {
        if (key instanceof RSAKey rsa) {
            return key.getAlgorithm() + " " + rsa.getModulus().bitLength() + " bits";
        }
        if (key instanceof ECKey ec) {
            return key.getAlgorithm() + " " + ec.getParams().getCurve().getField().getFieldSize() + " bits";
        }
        // XDH and EdDSA keys name their curve (X25519, Ed25519) rather than a size.
        if (key instanceof java.security.interfaces.XECKey xec
                && xec.getParams() instanceof java.security.spec.NamedParameterSpec named) {
            return named.getName();
        }
        if (key instanceof java.security.interfaces.EdECKey edec) {
            return edec.getParams().getName();
        }
        return key.getAlgorithm();
    }

    /** Subject alternative names of type DNS (2) and IP address (7). */
    private static List<String> hostNames(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> alternative : alternatives) {
                    int type = (Integer) alternative.get(0);
                    if (type == 2 || type == 7) {
                        names.add(alternative.get(1).toString());
                    }
                }
            }
        } catch (CertificateParsingException e) {
            names.add("(unreadable: " + e.getMessage() + ")");
        }
        return names;
    }
}
