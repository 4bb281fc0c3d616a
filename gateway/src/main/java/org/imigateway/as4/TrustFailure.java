package org.imigateway.as4;

import java.io.ByteArrayInputStream;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Optional;

import org.apache.wss4j.common.ext.WSSecurityException;
import org.w3c.dom.Element;

/**
 * Says why WSS4J did not trust a signing certificate: revoked, expired, not yet valid, not
 * issued under one of our trust anchors, or not the certificate of a PMode party. WSS4J
 * reports all of these with one generic code; an operator needs to know which, and none of it
 * is secret (the certificate came in the message, the CRL is public).
 */
final class TrustFailure {

    private static final String X509_TOKEN = "X509v3";

    private TrustFailure() {
    }

    static Optional<String> describe(WSSecurityException e, Element security) {
        if (!thrownByTrustCheck(e)) {
            return Optional.empty();
        }
        String certificate = signingCertificate(security).map(TrustFailure::name).orElse("the signing certificate");
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException) {
                return Optional.of(certificate + " has expired");
            }
            if (t instanceof CertificateNotYetValidException) {
                return Optional.of(certificate + " is not valid yet");
            }
            if (t instanceof CertPathValidatorException path && path.getReason() instanceof CertPathValidatorException.BasicReason reason) {
                switch (reason) {
                    case REVOKED:
                        return Optional.of(certificate + " is revoked by its issuer's CRL");
                    case EXPIRED:
                        return Optional.of(certificate + " has expired");
                    case NOT_YET_VALID:
                        return Optional.of(certificate + " is not valid yet");
                    case UNDETERMINED_REVOCATION_STATUS:
                        return Optional.of(certificate + " cannot be checked for revocation: this gateway has no"
                                + " current CRL of its issuer");
                    default:
                        break;
                }
            }
        }
        if (e.getErrorCode() == WSSecurityException.ErrorCode.FAILED_AUTHENTICATION) {
            return Optional.of(certificate + " is not the signing certificate of a PMode party allowed to sign this message");
        }
        String issuer = signingCertificate(security).map(c -> " (issuer '" + c.getIssuerX500Principal().getName() + "')")
                .orElse("");
        return Optional.of(certificate + issuer + " does not chain to a trust anchor of this gateway");
    }

    /** Merlin.verifyTrust is where WSS4J checks path, dates, revocation and subject constraints. */
    private static boolean thrownByTrustCheck(WSSecurityException e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getMethodName().equals("verifyTrust")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The certificate the message's signature names: the BinarySecurityToken its KeyInfo references.
     * Not simply the first token: a sender that encrypts with a token reference carries our own
     * certificate in the header too.
     */
    private static Optional<X509Certificate> signingCertificate(Element security) {
        Optional<String> referenced = Dom.child(security, Namespaces.DS, "Signature")
                .flatMap(signature -> Dom.child(signature, Namespaces.DS, "KeyInfo"))
                .flatMap(keyInfo -> Dom.child(keyInfo, Namespaces.WSSE, "SecurityTokenReference"))
                .flatMap(reference -> Dom.child(reference, Namespaces.WSSE, "Reference"))
                .map(reference -> reference.getAttribute("URI"))
                .filter(uri -> uri.startsWith("#"))
                .map(uri -> uri.substring(1));
        if (referenced.isEmpty()) {
            return Optional.empty();
        }
        for (Element token : Dom.children(security, Namespaces.WSSE, "BinarySecurityToken")) {
            if (token.getAttribute("ValueType").endsWith(X509_TOKEN)
                    && referenced.get().equals(token.getAttributeNS(Namespaces.WSU, "Id"))) {
                return certificate(token);
            }
        }
        return Optional.empty();
    }

    private static Optional<X509Certificate> certificate(Element token) {
        try {
            byte[] der = Base64.getMimeDecoder().decode(token.getTextContent().trim());
            return Optional.of((X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der)));
        } catch (CertificateException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String name(X509Certificate certificate) {
        return "the signing certificate '" + certificate.getSubjectX500Principal().getName() + "' (serial "
                + certificate.getSerialNumber().toString(16) + ")";
    }
}
