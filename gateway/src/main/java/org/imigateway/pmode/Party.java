package org.imigateway.pmode;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An access point known to the PModes: its name, party id, endpoint and certificates. The two
 * plain certificates serve eDelivery AS4 1.15; {@code profileCertificates} holds the pairs of
 * the AS4 2.0 profiles this party takes part in. {@code nextCertificates} holds the pairs added
 * beside those for a certificate rotation: each certificate counts only within its validity, so
 * a new one takes over on its start date and the old one is refused once it has ended.
 */
public record Party(String name, PartyId partyId, Optional<URI> endpoint,
        X509Certificate signingCertificate, X509Certificate encryptionCertificate,
        Map<SecurityProfile, ProfileCertificates> profileCertificates,
        Map<SecurityProfile, List<ProfileCertificates>> nextCertificates) {

    public Party {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(partyId, "partyId");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(signingCertificate, "signingCertificate");
        Objects.requireNonNull(encryptionCertificate, "encryptionCertificate");
        profileCertificates = Map.copyOf(profileCertificates);
        Map<SecurityProfile, List<ProfileCertificates>> next = new EnumMap<>(SecurityProfile.class);
        nextCertificates.forEach((profile, pairs) -> next.put(profile, List.copyOf(pairs)));
        nextCertificates = Map.copyOf(next);
    }

    /** A party without certificates being rotated. */
    public Party(String name, PartyId partyId, Optional<URI> endpoint,
            X509Certificate signingCertificate, X509Certificate encryptionCertificate,
            Map<SecurityProfile, ProfileCertificates> profileCertificates) {
        this(name, partyId, endpoint, signingCertificate, encryptionCertificate, profileCertificates, Map.of());
    }

    /** A party with AS4 1.15 certificates only. */
    public Party(String name, PartyId partyId, Optional<URI> endpoint,
            X509Certificate signingCertificate, X509Certificate encryptionCertificate) {
        this(name, partyId, endpoint, signingCertificate, encryptionCertificate, Map.of());
    }

    /** The first certificates this party signs with and is encrypted for under {@code profile}. */
    public Optional<ProfileCertificates> certificates(SecurityProfile profile) {
        if (profile == SecurityProfile.EDELIVERY_1_15) {
            return Optional.of(new ProfileCertificates(signingCertificate, encryptionCertificate));
        }
        return Optional.ofNullable(profileCertificates.get(profile));
    }

    /** The first pair of {@code profile}, then the pairs added for a rotation, in PMode order. */
    public List<ProfileCertificates> allPairs(SecurityProfile profile) {
        List<ProfileCertificates> pairs = new ArrayList<>();
        certificates(profile).ifPresent(pairs::add);
        pairs.addAll(nextCertificates.getOrDefault(profile, List.of()));
        return pairs;
    }

    /** The signing certificate of {@code profile}; the PModes loader made sure every leg's profile has one. */
    public X509Certificate signingCertificate(SecurityProfile profile) {
        return require(profile).signing();
    }

    /** The certificate a message to this party is encrypted for now; see {@link #encryptionCertificate(SecurityProfile, Instant)}. */
    public X509Certificate encryptionCertificate(SecurityProfile profile) {
        return encryptionCertificate(profile, Instant.now());
    }

    /**
     * The certificate a message to this party is encrypted for at {@code at}: of the profile's
     * encryption certificates valid then, the one that started last (a new certificate is used
     * from its start date on); when none is valid, the first one, which the partner will refuse
     * with an error that names it rather than us sending nothing.
     */
    public X509Certificate encryptionCertificate(SecurityProfile profile, Instant at) {
        X509Certificate first = require(profile).encryption();
        return allPairs(profile).stream().map(ProfileCertificates::encryption).filter(c -> validAt(c, at))
                .max(Comparator.comparing(X509Certificate::getNotBefore)).orElse(first);
    }

    /**
     * The signing certificates of {@code profile} valid at {@code at}: during a rotation's overlap
     * the old and the new one, afterwards only the new one.
     */
    public List<X509Certificate> signingCertificates(SecurityProfile profile, Instant at) {
        return allPairs(profile).stream().map(ProfileCertificates::signing).filter(c -> validAt(c, at)).toList();
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
        Map<SecurityProfile, List<ProfileCertificates>> sortedNext = new EnumMap<>(SecurityProfile.class);
        sortedNext.putAll(nextCertificates);
        sortedNext.values().forEach(pairs -> pairs.forEach(pair -> {
            all.add(pair.signing());
            all.add(pair.encryption());
        }));
        return all;
    }

    public static boolean validAt(X509Certificate certificate, Instant at) {
        return !at.isBefore(certificate.getNotBefore().toInstant()) && !at.isAfter(certificate.getNotAfter().toInstant());
    }

    private ProfileCertificates require(SecurityProfile profile) {
        return certificates(profile).orElseThrow(() -> new IllegalStateException(
                "party '" + name + "' has no certificates for security profile " + profile.id()));
    }
}
