package org.imigateway.as4;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGeneratorSpi;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Security;
import java.security.interfaces.XECPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import java.util.Map;

import javax.crypto.KeyAgreement;
import javax.crypto.KeyAgreementSpi;
import javax.crypto.SecretKey;
import javax.crypto.ShortBufferException;

/**
 * Ed25519 signatures and X25519 key agreement through Bouncy Castle instead of the JDK.
 *
 * <p>Why: on JDK 17 SunEC does the Curve25519 field arithmetic in plain Java without precomputed
 * tables. Its Ed25519 took half the CPU of an edelivery-2.0-eddsa exchange in the benchmark
 * profile (message signature, its verification, the receipt's signature and its verification);
 * once that moved, its X25519 (the sender's ephemeral key and agreement, the receiver's
 * agreement: eDelivery AS4 2.0, key agreement with HKDF) was 9 % of that exchange. Bouncy
 * Castle does the same RFC 8032 and RFC 7748 computations several times faster. Both are
 * deterministic: the signatures and the agreed secrets are byte for byte the JDK's, with the same
 * checks (an all-zero X25519 secret is refused).
 *
 * <p>How: a provider placed first offers only these services, each implemented by Bouncy Castle's
 * class; they accept the JDK's EdEC and XEC keys (those our key stores load, and the peers'
 * ephemeral keys the JDK's key factory reads). Generated X25519 key pairs are handed out as the
 * JDK's keys. A key a service
 * cannot take makes the JCA fall back to the next provider (the JDK's), as for any provider.
 *
 * <p>Santuario reads a received originator key with the first key factory that accepts it, DSA
 * before XDH, and the JDK's DSA factory accepts an X25519 key beginning with 0x02: about one AS4
 * 2.0 message in 2,000 then failed with EBMS:0102 (phase4's receiver too). The agreement here
 * reads such a key again as XDH ({@link X25519Agreement}), and the generator draws no such key
 * ({@link X25519KeyPairGenerator}), for receivers that do not.
 */
final class Curve25519Provider extends Provider {

    private static final String EDEC = "org.bouncycastle.jcajce.provider.asymmetric.edec.";
    private static volatile boolean installed;

    private Curve25519Provider() {
        super("IMI-Curve25519", "1.0", "Ed25519 signatures and X25519 key agreement by Bouncy Castle");
        putService(new Service(this, "Signature", "Ed25519", EDEC + "SignatureSpi$Ed25519",
                List.of("1.3.101.112", "OID.1.3.101.112"), Map.of()));
        // Santuario asks for the agreement by the public key's algorithm: "XDH" for the JDK's keys.
        Provider self = this;
        putService(new Service(this, "KeyAgreement", "X25519", X25519Agreement.class.getName(),
                List.of("1.3.101.110", "OID.1.3.101.110"), Map.of()) {
            @Override
            public Object newInstance(Object constructorParameter) {
                return new X25519Agreement(new org.bouncycastle.jcajce.provider.asymmetric.edec.KeyAgreementSpi.X25519(),
                        self, "X25519");
            }
        });
        putService(new Service(this, "KeyAgreement", "XDH", X25519Agreement.class.getName(), List.of(), Map.of()) {
            @Override
            public Object newInstance(Object constructorParameter) {
                return new X25519Agreement(new org.bouncycastle.jcajce.provider.asymmetric.edec.KeyAgreementSpi.XDH(),
                        self, "XDH");
            }
        });
        putService(new Service(this, "KeyPairGenerator", "X25519", X25519KeyPairGenerator.class.getName(),
                List.of("1.3.101.110", "OID.1.3.101.110"), Map.of()) {
            @Override
            public Object newInstance(Object constructorParameter) {
                return new X25519KeyPairGenerator();
            }
        });
    }

    /**
     * Bouncy Castle generates the key pair; the pair handed out is the JDK's (algorithm "XDH"), the
     * same keys a key store or a certificate gives: a key store entry refuses a private key whose
     * algorithm name differs from its certificate's, and Bouncy Castle calls it "X25519".
     */
    static final class X25519KeyPairGenerator extends KeyPairGeneratorSpi {

        /** Draws of a key beginning with 0x02 in a row before the random source is taken for broken (one in 2^512). */
        private static final int MAX_DRAWS = 64;

        private final KeyPairGeneratorSpi bouncyCastle = new org.bouncycastle.jcajce.provider.asymmetric.edec.KeyPairGeneratorSpi.X25519();

        @Override
        public void initialize(int keysize, SecureRandom random) {
            bouncyCastle.initialize(keysize, random);
        }

        @Override
        public void initialize(AlgorithmParameterSpec params, SecureRandom random) throws InvalidAlgorithmParameterException {
            bouncyCastle.initialize(params, random);
        }

        /**
         * A public key whose first byte is 0x02 is drawn again (one key in 256): its encoding also
         * reads as a DSA key (an INTEGER), and Santuario's {@code DEREncodedKeyValue}, which carries
         * the originator's key of an AS4 2.0 message, tries the DSA key factory before XDH, so a
         * receiver on Santuario (phase4, Domibus; we were one) takes it for a DSA key and cannot
         * agree: EBMS:0102 for about one message in 2,000. The key stays uniformly random among the
         * others; what it protects does not depend on its first byte.
         */
        @Override
        public KeyPair generateKeyPair() {
            try {
                KeyFactory jdk = KeyFactory.getInstance("XDH", "SunEC");
                for (int attempt = 0; attempt < MAX_DRAWS; attempt++) {
                    KeyPair generated = bouncyCastle.generateKeyPair();
                    byte[] publicKey = generated.getPublic().getEncoded();
                    if (!readsAsDsa(publicKey)) {
                        return new KeyPair(jdk.generatePublic(new X509EncodedKeySpec(publicKey)),
                                jdk.generatePrivate(new PKCS8EncodedKeySpec(generated.getPrivate().getEncoded())));
                    }
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK cannot read an X25519 key pair: " + e.getMessage(), e);
            }
            throw new IllegalStateException(MAX_DRAWS + " X25519 keys in a row began with 0x02: the random source is broken");
        }

        /** The raw key (the last 32 bytes of its X.509 encoding) begins with the DER tag of an INTEGER. */
        static boolean readsAsDsa(byte[] encodedPublicKey) {
            return encodedPublicKey[encodedPublicKey.length - 32] == 0x02;
        }
    }

    /**
     * Bouncy Castle's X25519 agreement, taking as the peer's key also one that a key factory other
     * than XDH read from an X25519 encoding. Santuario reads the originator's key of a received
     * AS4 2.0 message ({@code DEREncodedKeyValue}) with the first key factory that accepts it,
     * trying DSA before XDH, and the JDK's DSA factory accepts an X25519 key whose first byte is
     * 0x02 (it reads an INTEGER and does not check the algorithm): the key then arrives here as a
     * {@code DSAPublicKey} of algorithm "X25519", which Bouncy Castle (and the JDK's XDH) refuses.
     * Its encoding is the X25519 key as sent; it is read again as one. Senders other than ours
     * (phase4) draw such keys.
     */
    static final class X25519Agreement extends KeyAgreementSpi {

        private final KeyAgreement bouncyCastle;

        X25519Agreement(KeyAgreementSpi spi, Provider provider, String algorithm) {
            this.bouncyCastle = new KeyAgreement(spi, provider, algorithm) {
            };
        }

        @Override
        protected void engineInit(Key key, SecureRandom random) throws InvalidKeyException {
            bouncyCastle.init(key, random);
        }

        @Override
        protected void engineInit(Key key, AlgorithmParameterSpec params, SecureRandom random)
                throws InvalidKeyException, InvalidAlgorithmParameterException {
            bouncyCastle.init(key, params, random);
        }

        @Override
        protected Key engineDoPhase(Key key, boolean lastPhase) throws InvalidKeyException {
            return bouncyCastle.doPhase(asXdh(key), lastPhase);
        }

        @Override
        protected byte[] engineGenerateSecret() {
            return bouncyCastle.generateSecret();
        }

        @Override
        protected int engineGenerateSecret(byte[] sharedSecret, int offset) throws ShortBufferException {
            return bouncyCastle.generateSecret(sharedSecret, offset);
        }

        @Override
        protected SecretKey engineGenerateSecret(String algorithm) throws NoSuchAlgorithmException, InvalidKeyException {
            return bouncyCastle.generateSecret(algorithm);
        }

        /** The peer's key as an XDH key when another factory read it from an X25519 or X448 encoding; else as given. */
        static Key asXdh(Key key) {
            if (!(key instanceof PublicKey) || key instanceof XECPublicKey || key.getEncoded() == null) {
                return key;
            }
            try {
                return KeyFactory.getInstance("XDH", "SunEC").generatePublic(new X509EncodedKeySpec(key.getEncoded()));
            } catch (GeneralSecurityException e) {
                return key; // not an XDH encoding: refused below as before
            }
        }
    }

    /** Installs the provider once; idempotent. */
    static synchronized void install() {
        if (!installed) {
            Security.insertProviderAt(new Curve25519Provider(), 1);
            installed = true;
        }
    }
}
