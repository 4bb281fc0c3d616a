package org.imigateway.testsupport.phase4;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.X509CRL;
import java.util.List;
import java.util.Objects;

import org.apache.wss4j.common.crypto.Crypto;
import org.apache.wss4j.common.crypto.Merlin;

import com.helger.phase4.crypto.AS4CryptoFactoryInMemoryKeyStore;
import com.helger.phase4.crypto.ECryptoMode;

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
        return cryptoFactory(List.of());
    }

    /**
     * The same, with certificate revocation lists for WSS4J to check the sender's certificate
     * against; they are consulted only where revocation checking is switched on in the request
     * data (phase4 leaves it off unless told).
     */
    AS4CryptoFactoryInMemoryKeyStore cryptoFactory(List<X509CRL> crls) {
        char[] keyPassword = password.clone();
        CertStore revocations = crlStore(crls);
        return new AS4CryptoFactoryInMemoryKeyStore(keyStore, alias, keyPassword, trustStore) {
            @Override
            public Crypto getCrypto(ECryptoMode mode) {
                Crypto crypto = super.getCrypto(mode);
                if (!crls.isEmpty() && crypto instanceof Merlin merlin) {
                    merlin.setCRLCertStore(revocations);
                }
                return crypto;
            }

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

    private static CertStore crlStore(List<X509CRL> crls) {
        try {
            return CertStore.getInstance("Collection", new CollectionCertStoreParameters(List.copyOf(crls)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot hold the revocation lists in a CertStore", e);
        }
    }
}
