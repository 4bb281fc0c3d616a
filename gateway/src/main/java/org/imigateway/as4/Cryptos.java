package org.imigateway.as4;

import java.security.KeyStore;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;

import org.apache.wss4j.common.crypto.Merlin;
import org.apache.wss4j.common.ext.WSPasswordCallback;

import org.imigateway.pmode.SecurityProfile;
/**
 * Builds the WSS4J crypto objects from our key material, in memory: nothing is read from a
 * properties file and the JDK's cacerts are never trusted (merlin.load.cacerts=false in effect).
 */
public final class Cryptos {

    public static final String SIGNING_ALIAS = SecurityProfile.EDELIVERY_1_15.signingAlias();
    public static final String ENCRYPTION_ALIAS = SecurityProfile.EDELIVERY_1_15.encryptionAlias();

    private final char[] password;
    private volatile Built built;

    /** What one reading of the keys and PModes gives; replaced whole, so a reader never sees half of two. */
    private record Built(KeyMaterial keys, List<RetiredKey> retired, Merlin own, Merlin verification) {
    }

    public Cryptos(KeyMaterial keys, Collection<X509Certificate> partnerCertificates) {
        this(keys, partnerCertificates, List.of());
    }

    /**
     * @param retired our earlier encryption keys, kept so that messages a partner still encrypts
     *        for the old certificate after a key rotation are decrypted; never used to sign or
     *        to encrypt
     */
    public Cryptos(KeyMaterial keys, Collection<X509Certificate> partnerCertificates, List<RetiredKey> retired) {
        this.password = java.util.UUID.randomUUID().toString().toCharArray();
        this.built = build(keys, partnerCertificates, retired, password);
    }

    /**
     * Takes new keys and partner certificates (after a reload) without a restart: the next
     * signature, encryption or verification uses them; one already running finishes with the old.
     */
    public void replaceWith(KeyMaterial keys, Collection<X509Certificate> partnerCertificates, List<RetiredKey> retired) {
        this.built = build(keys, partnerCertificates, retired, password);
    }

    private static Built build(KeyMaterial keys, Collection<X509Certificate> partnerCertificates,
            List<RetiredKey> retired, char[] password) {
        try {
            KeyStore ownStore = KeyStore.getInstance("PKCS12");
            ownStore.load(null, null);
            // One pair per profile under the profile's aliases: the signer names the alias, and
            // the decrypter finds its key by the certificate the sender referenced.
            KeyStore.ProtectionParameter protection = inMemoryProtection(password);
            for (var entry : keys.allKeys().entrySet()) {
                ProfileKeys pair = entry.getValue();
                ownStore.setEntry(entry.getKey().signingAlias(), new KeyStore.PrivateKeyEntry(pair.signingKey(),
                        pair.signingChain().toArray(X509Certificate[]::new)), protection);
                ownStore.setEntry(entry.getKey().encryptionAlias(), new KeyStore.PrivateKeyEntry(pair.encryptionKey(),
                        pair.encryptionChain().toArray(X509Certificate[]::new)), protection);
            }
            int r = 0;
            for (RetiredKey key : retired) {
                ownStore.setEntry("retired-" + r++, new KeyStore.PrivateKeyEntry(key.privateKey(),
                        key.chain().toArray(X509Certificate[]::new)), protection);
            }

            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            int i = 0;
            for (X509Certificate anchor : keys.trustAnchors()) {
                anchors.setCertificateEntry("anchor-" + i++, anchor);
            }
            // Partner certificates are only looked up (for IssuerSerial or SKI references);
            // trust always comes from a path to an anchor.
            KeyStore partners = KeyStore.getInstance("PKCS12");
            partners.load(null, null);
            i = 0;
            for (X509Certificate partner : partnerCertificates) {
                partners.setCertificateEntry("partner-" + i++, partner);
            }
            CertStore crls = CertStore.getInstance("Collection", new CollectionCertStoreParameters(new ArrayList<>(keys.crls())));

            Merlin own = new Merlin();
            own.setKeyStore(ownStore);
            own.setTrustStore(anchors);
            own.setCRLCertStore(crls);

            Merlin verification = new RememberingMerlin(java.time.Clock.systemUTC());
            verification.setKeyStore(partners);
            verification.setTrustStore(anchors);
            verification.setCRLCertStore(crls);
            return new Built(keys, List.copyOf(retired), own, verification);
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the in-memory key stores", e);
        }
    }

    /**
     * WSS4J reads the private key from the store for every signature and every decryption, and a
     * PKCS12 store decrypts it each time. With the JDK's default protection (PBKDF2, 10,000
     * iterations) that cost more than the RSA operation itself, 20 ms and more per read, three
     * reads per exchanged message (see the benchmarks module). This store never leaves memory
     * and its password is random, so one iteration protects it as well as ten thousand.
     */
    private static KeyStore.ProtectionParameter inMemoryProtection(char[] password) {
        byte[] salt = new byte[16];
        new java.security.SecureRandom().nextBytes(salt);
        return new KeyStore.PasswordProtection(password, "PBEWithHmacSHA256AndAES_128",
                new javax.crypto.spec.PBEParameterSpec(salt, 1));
    }

    /** Signs with our signing key and decrypts with our encryption key. */
    public Merlin own() {
        return built.own();
    }

    /** Verifies partners' signatures: anchors, CRLs and the partner certificates of the PModes. */
    public Merlin verification() {
        return built.verification();
    }

    public char[] password() {
        return password.clone();
    }

    public KeyMaterial keys() {
        return built.keys();
    }

    /** Our earlier encryption keys, kept for decryption only. */
    public List<RetiredKey> retired() {
        return built.retired();
    }

    /** Answers WSS4J's requests for the private key password. */
    public CallbackHandler passwordCallback() {
        return callbacks -> {
            for (Callback callback : callbacks) {
                if (callback instanceof WSPasswordCallback pc) {
                    pc.setPassword(new String(password));
                } else if (!(callback instanceof org.apache.wss4j.common.ext.AttachmentRequestCallback)) {
                    throw new UnsupportedCallbackException(callback);
                }
            }
        };
    }
}
