package org.imigateway.as4;

import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * The keys and certificates one gateway signs, decrypts and validates with: its signing and
 * encryption keys with their chains, the trust anchors partner certificates must chain to, and
 * the CRLs consulted for revocation.
 */
public record KeyMaterial(
        PrivateKey signingKey,
        List<X509Certificate> signingChain,
        PrivateKey encryptionKey,
        List<X509Certificate> encryptionChain,
        List<X509Certificate> trustAnchors,
        List<X509CRL> crls) {

    public KeyMaterial {
        Objects.requireNonNull(signingKey, "signingKey");
        Objects.requireNonNull(encryptionKey, "encryptionKey");
        signingChain = List.copyOf(signingChain);
        encryptionChain = List.copyOf(encryptionChain);
        trustAnchors = List.copyOf(trustAnchors);
        crls = List.copyOf(crls);
        if (signingChain.isEmpty() || encryptionChain.isEmpty()) {
            throw new IllegalArgumentException("signing and encryption keys need their certificates");
        }
        if (trustAnchors.isEmpty()) {
            throw new IllegalArgumentException("at least one trust anchor is needed to validate partners");
        }
    }

    public X509Certificate signingCertificate() {
        return signingChain.get(0);
    }

    public X509Certificate encryptionCertificate() {
        return encryptionChain.get(0);
    }
}
