package org.imigateway.as4;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * One of our earlier encryption keys, kept after a key rotation for decrypting what partners
 * still encrypt for its certificate until they have taken the new one.
 */
public record RetiredKey(String alias, PrivateKey privateKey, List<X509Certificate> chain) {

    public RetiredKey {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("retired key '" + alias + "' needs its certificate");
        }
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }
}
