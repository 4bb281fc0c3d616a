package org.imigateway.as4;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGeneratorSpi;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import java.util.Map;

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
 */
final class Curve25519Provider extends Provider {

    private static final String EDEC = "org.bouncycastle.jcajce.provider.asymmetric.edec.";
    private static volatile boolean installed;

    private Curve25519Provider() {
        super("IMI-Curve25519", "1.0", "Ed25519 signatures and X25519 key agreement by Bouncy Castle");
        putService(new Service(this, "Signature", "Ed25519", EDEC + "SignatureSpi$Ed25519",
                List.of("1.3.101.112", "OID.1.3.101.112"), Map.of()));
        // Santuario asks for the agreement by the public key's algorithm: "XDH" for the JDK's keys.
        putService(new Service(this, "KeyAgreement", "X25519", EDEC + "KeyAgreementSpi$X25519",
                List.of("1.3.101.110", "OID.1.3.101.110"), Map.of()));
        putService(new Service(this, "KeyAgreement", "XDH", EDEC + "KeyAgreementSpi$XDH", List.of(), Map.of()));
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

        private final KeyPairGeneratorSpi bouncyCastle = new org.bouncycastle.jcajce.provider.asymmetric.edec.KeyPairGeneratorSpi.X25519();

        @Override
        public void initialize(int keysize, SecureRandom random) {
            bouncyCastle.initialize(keysize, random);
        }

        @Override
        public void initialize(AlgorithmParameterSpec params, SecureRandom random) throws InvalidAlgorithmParameterException {
            bouncyCastle.initialize(params, random);
        }

        @Override
        public KeyPair generateKeyPair() {
            KeyPair generated = bouncyCastle.generateKeyPair();
            try {
                KeyFactory jdk = KeyFactory.getInstance("XDH", "SunEC");
                return new KeyPair(jdk.generatePublic(new X509EncodedKeySpec(generated.getPublic().getEncoded())),
                        jdk.generatePrivate(new PKCS8EncodedKeySpec(generated.getPrivate().getEncoded())));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK cannot read an X25519 key pair: " + e.getMessage(), e);
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
