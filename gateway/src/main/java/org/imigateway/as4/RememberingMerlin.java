package org.imigateway.as4;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.apache.wss4j.common.crypto.Merlin;
import org.apache.wss4j.common.ext.WSSecurityException;

/**
 * A {@link Merlin} that remembers, for a short while, the certificate chains whose trust path it
 * has checked. A partner signs every message and receipt with the same certificate, and the
 * PKIX check of its path (signatures up to the anchor, the CRLs) cost 4-5 % of a 10 KB
 * exchange's CPU, twice per message (see the benchmarks module).
 *
 * <p>Only a success is remembered, for at most {@link #REMEMBERED} and never past the end of a
 * certificate's validity; a failure is checked again every time. The answer depends on the
 * chain, the revocation switch and the subject and issuer constraints, which are the key, and on
 * the anchors and CRLs, which belong to this instance: new keys, anchors or CRLs make a new
 * {@link Cryptos} store and with it an empty memory. Each certificate's dates are checked again
 * at every use, so a certificate that expires is refused at once; a CRL that a reload brings in
 * applies at once; a CRL's own next update is what the remembered answer may lag, by
 * {@link #REMEMBERED} at most.
 */
final class RememberingMerlin extends Merlin {

    /** How long a successful trust path check is reused. */
    static final Duration REMEMBERED = Duration.ofSeconds(60);

    /** Chains kept at most; the memory starts again when full (partners are few, attackers are not). */
    static final int MAX_CHAINS = 1_000;

    private record Key(String chain, boolean revocation, List<String> subjects, List<String> issuers) {
    }

    private final Map<Key, Instant> trusted = new ConcurrentHashMap<>();
    private final AtomicLong pathChecks = new AtomicLong();
    private final Clock clock;

    RememberingMerlin(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void verifyTrust(X509Certificate[] certs, boolean enableRevocation,
            Collection<Pattern> subjectCertConstraints, Collection<Pattern> issuerCertConstraints)
            throws WSSecurityException {
        if (certs == null || certs.length == 0) {
            super.verifyTrust(certs, enableRevocation, subjectCertConstraints, issuerCertConstraints);
            return;
        }
        Instant now = clock.instant();
        Key key = new Key(fingerprint(certs), enableRevocation, patterns(subjectCertConstraints),
                patterns(issuerCertConstraints));
        Instant until = trusted.get(key);
        if (until != null && now.isBefore(until)) {
            checkDates(certs, now);
            return;
        }
        pathChecks.incrementAndGet();
        super.verifyTrust(certs, enableRevocation, subjectCertConstraints, issuerCertConstraints);
        if (trusted.size() >= MAX_CHAINS) {
            trusted.clear();
        }
        trusted.put(key, rememberUntil(certs, now));
    }

    /** How many times the full PKIX check ran (a remembered answer does not count). */
    long pathChecks() {
        return pathChecks.get();
    }

    private static Instant rememberUntil(X509Certificate[] certs, Instant now) {
        Instant until = now.plus(REMEMBERED);
        for (X509Certificate cert : certs) {
            Instant notAfter = cert.getNotAfter().toInstant();
            if (notAfter.isBefore(until)) {
                until = notAfter;
            }
        }
        return until;
    }

    /** What the PKIX check would refuse first within the remembered while: a date. */
    private static void checkDates(X509Certificate[] certs, Instant now) throws WSSecurityException {
        for (X509Certificate cert : certs) {
            try {
                cert.checkValidity(Date.from(now));
            } catch (CertificateExpiredException | CertificateNotYetValidException e) {
                throw new WSSecurityException(WSSecurityException.ErrorCode.FAILED_CHECK, e, "invalidCert");
            }
        }
    }

    private static String fingerprint(X509Certificate[] certs) throws WSSecurityException {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (X509Certificate cert : certs) {
                byte[] encoded = cert.getEncoded();
                sha256.update((byte) (encoded.length >>> 24));
                sha256.update((byte) (encoded.length >>> 16));
                sha256.update((byte) (encoded.length >>> 8));
                sha256.update((byte) encoded.length);
                sha256.update(encoded);
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            throw new WSSecurityException(WSSecurityException.ErrorCode.FAILED_CHECK, e);
        }
    }

    private static List<String> patterns(Collection<Pattern> constraints) {
        return constraints == null ? List.of()
                : constraints.stream().map(p -> p.pattern() + "/" + p.flags()).toList();
    }
}
