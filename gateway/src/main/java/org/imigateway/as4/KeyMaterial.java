package org.imigateway.as4;

import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.imigateway.pmode.SecurityProfile;
/**
 * The keys and certificates one gateway signs, decrypts and validates with: its AS4 1.15 signing
 * and encryption keys with their chains, the keys of each AS4 2.0 profile it serves, the trust
 * anchors partner certificates must chain to, and the CRLs consulted for revocation.
 */
public record KeyMaterial(
        PrivateKey signingKey,
        List<X509Certificate> signingChain,
        PrivateKey encryptionKey,
        List<X509Certificate> encryptionChain,
        List<X509Certificate> trustAnchors,
        List<X509CRL> crls,
        Map<SecurityProfile, ProfileKeys> profileKeys) {

    public KeyMaterial {
        Objects.requireNonNull(signingKey, "signingKey");
        Objects.requireNonNull(encryptionKey, "encryptionKey");
        signingChain = List.copyOf(signingChain);
        encryptionChain = List.copyOf(encryptionChain);
        trustAnchors = List.copyOf(trustAnchors);
        crls = List.copyOf(crls);
        profileKeys = Map.copyOf(profileKeys);
        if (signingChain.isEmpty() || encryptionChain.isEmpty()) {
            throw new IllegalArgumentException("signing and encryption keys need their certificates");
        }
        if (trustAnchors.isEmpty()) {
            throw new IllegalArgumentException("at least one trust anchor is needed to validate partners");
        }
        if (profileKeys.containsKey(SecurityProfile.EDELIVERY_1_15)) {
            throw new IllegalArgumentException("the AS4 1.15 keys are the signing and encryption keys themselves");
        }
    }

    /** AS4 1.15 keys only. */
    public KeyMaterial(PrivateKey signingKey, List<X509Certificate> signingChain, PrivateKey encryptionKey,
            List<X509Certificate> encryptionChain, List<X509Certificate> trustAnchors, List<X509CRL> crls) {
        this(signingKey, signingChain, encryptionKey, encryptionChain, trustAnchors, crls, Map.of());
    }

    public X509Certificate signingCertificate() {
        return signingChain.get(0);
    }

    public X509Certificate encryptionCertificate() {
        return encryptionChain.get(0);
    }

    /** Our keys for {@code profile}: for AS4 1.15 the RSA pair, otherwise that profile's pair if we have it. */
    public Optional<ProfileKeys> keys(SecurityProfile profile) {
        if (profile == SecurityProfile.EDELIVERY_1_15) {
            return Optional.of(new ProfileKeys(signingKey, signingChain, encryptionKey, encryptionChain));
        }
        return Optional.ofNullable(profileKeys.get(profile));
    }

    /** Every profile we hold keys for, 1.15 first. */
    public Map<SecurityProfile, ProfileKeys> allKeys() {
        Map<SecurityProfile, ProfileKeys> all = new EnumMap<>(SecurityProfile.class);
        for (SecurityProfile profile : SecurityProfile.values()) {
            keys(profile).ifPresent(k -> all.put(profile, k));
        }
        return all;
    }
}
