package org.imigateway.pmode;

import java.security.cert.X509Certificate;
import java.util.Objects;

/** A party's signing and encryption (or key agreement) certificates for one security profile. */
public record ProfileCertificates(X509Certificate signing, X509Certificate encryption) {

    public ProfileCertificates {
        Objects.requireNonNull(signing, "signing");
        Objects.requireNonNull(encryption, "encryption");
    }
}
