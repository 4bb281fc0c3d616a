package org.imigateway.discovery;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One trust anchor set (the SMP's, or the network's access points') and the check that a
 * certificate chains to it and is valid at a given instant; with revocation lists, a revoked
 * certificate is refused too.
 */
public final class ChainCheck {

    private final Set<TrustAnchor> anchors;
    private final List<X509CRL> crls;

    public ChainCheck(Set<TrustAnchor> anchors, List<X509CRL> crls) {
        if (anchors.isEmpty()) {
            throw new IllegalArgumentException("a trust store without a certificate trusts nothing");
        }
        this.anchors = Set.copyOf(anchors);
        this.crls = List.copyOf(crls);
    }

    public static ChainCheck of(KeyStore trustStore, List<X509CRL> crls) {
        Set<TrustAnchor> anchors = new HashSet<>();
        try {
            for (String alias : Collections.list(trustStore.aliases())) {
                if (trustStore.getCertificate(alias) instanceof X509Certificate x) {
                    anchors.add(new TrustAnchor(x, null));
                }
            }
        } catch (KeyStoreException e) {
            throw new IllegalStateException("trust store not loaded", e);
        }
        return new ChainCheck(anchors, crls);
    }

    public static ChainCheck of(X509Certificate anchor) {
        return new ChainCheck(Set.of(new TrustAnchor(anchor, null)), List.of());
    }

    /** Empty when {@code certificate} is trusted at {@code at}; otherwise why not, for the error. */
    public java.util.Optional<String> refusal(X509Certificate certificate, Instant at) {
        try {
            certificate.checkValidity(Date.from(at));
            PKIXParameters params = new PKIXParameters(anchors);
            params.setDate(Date.from(at));
            params.setRevocationEnabled(!crls.isEmpty());
            if (!crls.isEmpty()) {
                params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(crls)));
            }
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(List.of(certificate)), params);
            return java.util.Optional.empty();
        } catch (GeneralSecurityException e) {
            return java.util.Optional.of(certificate.getSubjectX500Principal().getName() + ": " + e.getMessage());
        }
    }
}
