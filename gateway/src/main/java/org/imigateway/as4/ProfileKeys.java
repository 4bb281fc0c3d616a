package org.imigateway.as4;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/** Our signing and encryption (key agreement) keys, with their chains, for one security profile. */
public record ProfileKeys(
        PrivateKey signingKey,
        List<X509Certificate> signingChain,
        PrivateKey encryptionKey,
        List<X509Certificate> encryptionChain) {

    public ProfileKeys {
        Objects.requireNonNull(signingKey, "signingKey");
        Objects.requireNonNull(encryptionKey, "encryptionKey");
        signingChain = List.copyOf(signingChain);
        encryptionChain = List.copyOf(encryptionChain);
        if (signingChain.isEmpty() || encryptionChain.isEmpty()) {
            throw new IllegalArgumentException("signing and encryption keys need their certificates");
        }
    }

    public X509Certificate signingCertificate() {
        return signingChain.get(0);
    }

    public X509Certificate encryptionCertificate() {
        return encryptionChain.get(0);
    }
}
