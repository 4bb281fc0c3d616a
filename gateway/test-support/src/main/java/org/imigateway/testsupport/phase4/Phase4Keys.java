package org.imigateway.testsupport.phase4;

import java.security.KeyStore;
import java.util.Objects;

import com.helger.phase4.crypto.AS4CryptoFactoryInMemoryKeyStore;

/**
 * One side's key material: a PKCS12 key store with the key pair that signs (and, for eDelivery
 * AS4 1.15, which lets one certificate do both, decrypts), its alias and password, and the trust store
 * used to verify the other side's signatures.
 */
public record Phase4Keys(KeyStore keyStore, String alias, char[] password, KeyStore trustStore) {

    public Phase4Keys {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(trustStore, "trustStore");
        password = password.clone();
    }

    @Override
    public char[] password() {
        return password.clone();
    }

    /**
     * phase4's in-memory factory answers the key password for its one alias only. AS4 2.0 signs
     * with one key (Ed25519 or P-256) and agrees keys with another (X25519 or P-256), which WSS4J
     * looks up by the certificate the sender referenced, under its own alias; every entry of our
     * party key stores has the same password, so it is given for any alias the store holds.
     */
    AS4CryptoFactoryInMemoryKeyStore cryptoFactory() {
        char[] keyPassword = password.clone();
        return new AS4CryptoFactoryInMemoryKeyStore(keyStore, alias, keyPassword, trustStore) {
            @Override
            public char[] getKeyPasswordPerAliasCharArray(String requested) {
                try {
                    return requested != null && keyStore.isKeyEntry(requested) ? keyPassword.clone() : null;
                } catch (java.security.KeyStoreException e) {
                    return null;
                }
            }
        };
    }
}
