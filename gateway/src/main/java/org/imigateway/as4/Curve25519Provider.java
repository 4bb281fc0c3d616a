package org.imigateway.as4;

import java.security.Provider;
import java.security.Security;
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
 * ephemeral keys the JDK's key factory reads). The keys Bouncy Castle generates are
 * {@code java.security.interfaces.XECPublicKey}s with the same X.509 encoding. A key a service
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
        putService(new Service(this, "KeyPairGenerator", "X25519", EDEC + "KeyPairGeneratorSpi$X25519",
                List.of("1.3.101.110", "OID.1.3.101.110"), Map.of()));
    }

    /** Installs the provider once; idempotent. */
    static synchronized void install() {
        if (!installed) {
            Security.insertProviderAt(new Curve25519Provider(), 1);
            installed = true;
        }
    }
}
