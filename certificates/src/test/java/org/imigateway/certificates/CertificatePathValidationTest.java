package org.imigateway.certificates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** What a receiving access point does with a partner's certificate: PKIX with the CA as trust anchor. */
class CertificatePathValidationTest {

    private final CertificateAuthority ca = SharedTestCa.ca();

    @Test
    void signingCertificateChainValidatesAgainstTheCa() throws Exception {
        IssuedCertificate signing = ca.issueSigning("party-a");

        PKIXCertPathValidatorResult result = validate(signing.chain(), ca.certificate(), null);

        assertEquals(signing.certificate().getPublicKey(), result.getPublicKey());
        assertEquals(ca.certificate(), result.getTrustAnchor().getTrustedCert());
    }

    @Test
    void certificateFromAnotherCaDoesNotValidate() {
        IssuedCertificate stranger = SharedTestCa.stranger().issueSigning("stranger");

        assertThrows(CertPathValidatorException.class, () -> validate(stranger.chain(), ca.certificate(), null));
    }

    @Test
    void revocationCheckPassesForAGoodCertificateAndFailsForARevokedOne() throws Exception {
        IssuedCertificate good = ca.issueSigning("good-party");
        IssuedCertificate revoked = ca.issueSigning("revoked-party");
        ca.revoke(revoked.certificate());
        X509CRL crl = ca.crl();

        validate(good.chain(), ca.certificate(), crl);
        CertPathValidatorException error = assertThrows(CertPathValidatorException.class,
                () -> validate(revoked.chain(), ca.certificate(), crl));
        assertEquals(CertPathValidatorException.BasicReason.REVOKED, error.getReason());
    }

    @Test
    void expiredCertificateFailsPathValidation() {
        Instant now = Instant.now();
        IssuedCertificate expired = ca.issue(CertificateRequest.of("late-party", CertificatePurpose.SIGNING)
                .validity(now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1))));

        CertPathValidatorException error = assertThrows(CertPathValidatorException.class,
                () -> validate(expired.chain(), ca.certificate(), null));
        assertEquals(CertPathValidatorException.BasicReason.EXPIRED, error.getReason());
    }

    /** Validates the chain minus its anchor; with a CRL, revocation is checked against it alone. */
    private static PKIXCertPathValidatorResult validate(List<X509Certificate> chain, X509Certificate anchor,
            X509CRL crl) throws Exception {
        CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(chain.subList(0, chain.size() - 1));
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
        parameters.setRevocationEnabled(crl != null);
        if (crl != null) {
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(List.of(crl))));
        }
        return (PKIXCertPathValidatorResult) CertPathValidator.getInstance("PKIX").validate(path, parameters);
    }
}
