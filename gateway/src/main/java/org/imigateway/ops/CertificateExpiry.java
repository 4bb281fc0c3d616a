package org.imigateway.ops;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.imigateway.pmode.PModeSet;
import org.imigateway.pmode.Party;

/**
 * Days left before each certificate the gateway depends on expires: our own keys (signing,
 * encryption, TLS) and every partner certificate in the active PModes. Named
 * {@code own:<use>} and {@code <party>:signing} / {@code <party>:encryption}.
 */
public final class CertificateExpiry {

    /** Below this many days a certificate makes {@code /health} report a warning. */
    public static final long WARNING_DAYS = 30;

    private final Map<String, X509Certificate> own;
    private final Supplier<PModeSet> pmodes;

    public CertificateExpiry(Map<String, X509Certificate> own, Supplier<PModeSet> pmodes) {
        this.own = new LinkedHashMap<>(own);
        this.pmodes = pmodes;
    }

    /** Whole days left, negative once expired, in a stable order. */
    public Map<String, Long> daysLeft(Instant now) {
        Map<String, Long> days = new LinkedHashMap<>();
        own.forEach((use, certificate) -> days.put("own:" + use, daysLeft(certificate, now)));
        for (Party party : pmodes.get().parties()) {
            days.put(party.name() + ":signing", daysLeft(party.signingCertificate(), now));
            days.put(party.name() + ":encryption", daysLeft(party.encryptionCertificate(), now));
        }
        return days;
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

    private static long daysLeft(X509Certificate certificate, Instant now) {
        return Duration.between(now, certificate.getNotAfter().toInstant()).toDays();
    }
}
