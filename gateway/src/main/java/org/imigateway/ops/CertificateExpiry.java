package org.imigateway.ops;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.imigateway.pmode.PModeSet;
import org.imigateway.pmode.Party;
import org.imigateway.pmode.ProfileCertificates;
import org.imigateway.pmode.SecurityProfile;

/**
 * Days left before each certificate the gateway depends on expires: our own keys (signing,
 * encryption, TLS, retired encryption keys) and every partner certificate in the active PModes.
 * Named {@code own:<use>} and {@code <party>:signing} / {@code <party>:encryption}; a partner's
 * certificate added for a rotation is {@code <party>:signing:next<n>}. A certificate that has
 * ended while another of the same use is valid has been rotated out and is no longer counted.
 */
public final class CertificateExpiry {

    /** Below this many days a certificate makes {@code /health} report a warning. */
    public static final long WARNING_DAYS = 30;

    private final Supplier<Map<String, X509Certificate>> own;
    private final Supplier<PModeSet> pmodes;

    public CertificateExpiry(Map<String, X509Certificate> own, Supplier<PModeSet> pmodes) {
        this(() -> own, pmodes);
    }

    /** @param own our certificates as they are in force at each call: a reload may rotate them */
    public CertificateExpiry(Supplier<Map<String, X509Certificate>> own, Supplier<PModeSet> pmodes) {
        this.own = own;
        this.pmodes = pmodes;
    }

    /** Whole days left, negative once expired, in a stable order. */
    public Map<String, Long> daysLeft(Instant now) {
        Map<String, Long> days = new LinkedHashMap<>();
        own.get().forEach((use, certificate) -> days.put("own:" + use, daysLeft(certificate, now)));
        for (Party party : pmodes.get().parties()) {
            List<ProfileCertificates> pairs = party.allPairs(SecurityProfile.EDELIVERY_1_15);
            List<X509Certificate> signing = pairs.stream().map(ProfileCertificates::signing).toList();
            List<X509Certificate> encryption = pairs.stream().map(ProfileCertificates::encryption).toList();
            for (int i = 0; i < pairs.size(); i++) {
                String suffix = i == 0 ? "" : ":next" + i;
                if (!rotatedOut(signing.get(i), signing, now)) {
                    days.put(party.name() + ":signing" + suffix, daysLeft(signing.get(i), now));
                }
                if (!rotatedOut(encryption.get(i), encryption, now)) {
                    days.put(party.name() + ":encryption" + suffix, daysLeft(encryption.get(i), now));
                }
            }
        }
        return days;
    }

    /**
     * Which certificate is in force for each use now: ours (signing, encryption, and the retired
     * keys that only decrypt), each partner's encryption certificate messages are encrypted for,
     * and the signing certificates accepted from it (two during a rotation's overlap).
     */
    public Map<String, String> active(Instant now) {
        Map<String, String> active = new LinkedHashMap<>();
        own.get().forEach((use, certificate) -> active.put("own:" + use, describe(certificate)));
        for (Party party : pmodes.get().parties()) {
            active.put(party.name() + ":encryption",
                    describe(party.encryptionCertificate(SecurityProfile.EDELIVERY_1_15, now)));
            List<X509Certificate> signing = party.signingCertificates(SecurityProfile.EDELIVERY_1_15, now);
            active.put(party.name() + ":signing", signing.isEmpty() ? "none valid now"
                    : signing.stream().map(CertificateExpiry::describe).collect(Collectors.joining(" and ")));
        }
        return active;
    }

    /** The certificates with fewer than {@link #WARNING_DAYS} days left, as {@code name=days}. */
    public List<String> expiringSoon(Instant now) {
        List<String> soon = new ArrayList<>();
        daysLeft(now).forEach((name, days) -> {
            if (days < WARNING_DAYS) {
                soon.add(name + "=" + days);
            }
        });
        return soon;
    }

    public long fewestDaysLeft(Instant now) {
        return daysLeft(now).values().stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
    }

    private static boolean rotatedOut(X509Certificate certificate, List<X509Certificate> sameUse, Instant now) {
        return now.isAfter(certificate.getNotAfter().toInstant())
                && sameUse.stream().anyMatch(other -> Party.validAt(other, now));
    }

    /** Serial and validity: enough to tell two certificates of one subject apart. */
    static String describe(X509Certificate certificate) {
        return "serial " + certificate.getSerialNumber().toString(16) + " (" + certificate.getNotBefore().toInstant()
                + " to " + certificate.getNotAfter().toInstant() + ")";
    }

    private static long daysLeft(X509Certificate certificate, Instant now) {
        return Duration.between(now, certificate.getNotAfter().toInstant()).toDays();
    }
}
