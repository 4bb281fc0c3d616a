package org.imigateway.interop.phase4;

import java.security.KeyStore;
import java.util.Objects;

import com.helger.phase4.crypto.AS4CryptoFactoryInMemoryKeyStore;

/**
 * One side's key material: a PKCS12 key store with the single key pair that signs and decrypts
 * (eDelivery AS4 1.15 lets one certificate do both), its alias and password, and the trust store
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

    AS4CryptoFactoryInMemoryKeyStore cryptoFactory() {
        return new AS4CryptoFactoryInMemoryKeyStore(keyStore, alias, password, trustStore);
    }
}
