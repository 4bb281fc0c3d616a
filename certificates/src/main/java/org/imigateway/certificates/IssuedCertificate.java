package org.imigateway.certificates;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A certificate together with its private key and the chain a peer needs to validate it.
 *
 * @param chain the certificate first, then the issuing CA certificate
 */
public record IssuedCertificate(PrivateKey privateKey, X509Certificate certificate, List<X509Certificate> chain) {

    public IssuedCertificate {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certificate, "certificate");
        chain = List.copyOf(Objects.requireNonNull(chain, "chain"));
        if (chain.isEmpty() || !chain.get(0).equals(certificate)) {
            throw new PkiException("The chain of " + certificate.getSubjectX500Principal()
                    + " must start with that certificate");
        }
    }

    /** The chain as the array {@link java.security.KeyStore#setKeyEntry} wants. */
    public X509Certificate[] chainArray() {
        return chain.toArray(X509Certificate[]::new);
    }
}
