package org.imigateway.as4;

import java.security.Provider;
import java.security.Security;
import java.util.List;
import java.util.Map;

/**
 * Ed25519 signatures through Bouncy Castle instead of the JDK.
 *
 * <p>Why: on JDK 17 the SunEC Ed25519 (field arithmetic in plain Java, no precomputed base-point
 * table) took half the CPU of an edelivery-2.0-eddsa exchange in the benchmark profile (message
 * signature, its verification, the receipt's signature and its verification). Bouncy Castle's
 * Ed25519 does the same RFC 8032 computation several times faster. Ed25519 is deterministic, so the
 * signatures are byte for byte the JDK's, and verification applies the same checks.
 *
 * <p>How: a provider placed first offers only the Ed25519 signature, implemented by Bouncy
 * Castle's class; it accepts the JDK's EdEC keys (those our key stores load). A key it cannot
 * take makes {@code Signature} fall back to the next provider (the JDK's), as for any provider.
 */
final class Ed25519Provider extends Provider {

    private static final String BOUNCY_CASTLE_ED25519 = "org.bouncycastle.jcajce.provider.asymmetric.edec.SignatureSpi$Ed25519";
    private static volatile boolean installed;

    private Ed25519Provider() {
        super("IMI-Ed25519", "1.0", "Ed25519 signatures by Bouncy Castle");
        putService(new Service(this, "Signature", "Ed25519", BOUNCY_CASTLE_ED25519,
                List.of("1.3.101.112", "OID.1.3.101.112"), Map.of()));
    }

    /** Installs the provider once; idempotent. */
    static synchronized void install() {
        if (!installed) {
            Security.insertProviderAt(new Ed25519Provider(), 1);
            installed = true;
        }
    }
}
