package org.imigateway.pmode;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An access point known to the PModes: its name, party id, endpoint and certificates. The two
 * plain certificates serve eDelivery AS4 1.15; {@code profileCertificates} holds the pairs of
 * the AS4 2.0 profiles this party takes part in.
 */
public record Party(String name, PartyId partyId, Optional<URI> endpoint,
        X509Certificate signingCertificate, X509Certificate encryptionCertificate,
        Map<SecurityProfile, ProfileCertificates> profileCertificates) {

    public Party {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(partyId, "partyId");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(signingCertificate, "signingCertificate");
        Objects.requireNonNull(encryptionCertificate, "encryptionCertificate");
        profileCertificates = Map.copyOf(profileCertificates);
    }

    /** A party with AS4 1.15 certificates only. */
    public Party(String name, PartyId partyId, Optional<URI> endpoint,
            X509Certificate signingCertificate, X509Certificate encryptionCertificate) {
        this(name, partyId, endpoint, signingCertificate, encryptionCertificate, Map.of());
    }

    /** The certificates this party signs with and is encrypted for under {@code profile}. */
    public Optional<ProfileCertificates> certificates(SecurityProfile profile) {
        if (profile == SecurityProfile.EDELIVERY_1_15) {
            return Optional.of(new ProfileCertificates(signingCertificate, encryptionCertificate));
        }
        return Optional.ofNullable(profileCertificates.get(profile));
    }

    /** The signing certificate of {@code profile}; the PModes loader made sure every leg's profile has one. */
    public X509Certificate signingCertificate(SecurityProfile profile) {
        return require(profile).signing();
    }

    public X509Certificate encryptionCertificate(SecurityProfile profile) {
        return require(profile).encryption();
    }

    /** Every certificate of this party, for looking up references in received messages. */
    public List<X509Certificate> allCertificates() {
        List<X509Certificate> all = new ArrayList<>(List.of(signingCertificate, encryptionCertificate));
        Map<SecurityProfile, ProfileCertificates> sorted = new EnumMap<>(SecurityProfile.class);
        sorted.putAll(profileCertificates);
        sorted.values().forEach(pair -> {
            all.add(pair.signing());
            all.add(pair.encryption());
        });
        return all;
    }

    private ProfileCertificates require(SecurityProfile profile) {
        return certificates(profile).orElseThrow(() -> new IllegalStateException(
                "party '" + name + "' has no certificates for security profile " + profile.id()));
    }
}
