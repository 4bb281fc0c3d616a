package org.imigateway.certificates;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link CertificateAuthority} should put into a new end-entity certificate.
 *
 * @param hostNames subject alternative names; IPv4/IPv6 literals become IP entries, the rest DNS
 * @param keyAlgorithm the subject key to generate; RSA 3072 unless asked otherwise
 */
public record CertificateRequest(
        String commonName,
        CertificatePurpose purpose,
        Instant notBefore,
        Instant notAfter,
        List<String> hostNames,
        KeyAlgorithm keyAlgorithm) {

    /** Starts an hour back so that peers whose clocks run slightly behind accept a fresh certificate. */
    static final Duration CLOCK_SKEW_ALLOWANCE = Duration.ofHours(1);

    static final Duration DEFAULT_LIFETIME = Duration.ofDays(2 * 365);

    public CertificateRequest {
        Objects.requireNonNull(commonName, "commonName");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(keyAlgorithm, "keyAlgorithm");
        if (commonName.isBlank()) {
            throw new PkiException("A certificate needs a non-blank common name");
        }
        if (!notAfter.isAfter(notBefore)) {
            throw new PkiException("Certificate '" + commonName + "' would end (" + notAfter
                    + ") before it starts (" + notBefore + ")");
        }
        hostNames = List.copyOf(Objects.requireNonNull(hostNames, "hostNames"));
        for (String name : hostNames) {
            if (name.isBlank()) {
                throw new PkiException("Certificate '" + commonName + "' has a blank host name");
            }
        }
        keyAlgorithm.requireFitsPurpose(purpose, commonName);
    }

    /** An RSA 3072 request, as before key algorithms could be chosen. */
    public CertificateRequest(String commonName, CertificatePurpose purpose, Instant notBefore, Instant notAfter,
            List<String> hostNames) {
        this(commonName, purpose, notBefore, notAfter, hostNames, KeyAlgorithm.RSA_3072);
    }

    /** Valid from an hour ago for two years, without host names. */
    public static CertificateRequest of(String commonName, CertificatePurpose purpose) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant notBefore = now.minus(CLOCK_SKEW_ALLOWANCE);
        return new CertificateRequest(commonName, purpose, notBefore, notBefore.plus(DEFAULT_LIFETIME), List.of());
    }

    public CertificateRequest validity(Instant notBefore, Instant notAfter) {
        return new CertificateRequest(commonName, purpose, notBefore, notAfter, hostNames, keyAlgorithm);
    }

    public CertificateRequest hostNames(List<String> names) {
        return new CertificateRequest(commonName, purpose, notBefore, notAfter, names, keyAlgorithm);
    }

    public CertificateRequest keyAlgorithm(KeyAlgorithm algorithm) {
        return new CertificateRequest(commonName, purpose, notBefore, notAfter, hostNames, algorithm);
    }
}
