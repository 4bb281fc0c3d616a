package org.imigateway.pmode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.imigateway.certificates.CertificateAuthority;
import org.imigateway.certificates.CertificatePurpose;
import org.imigateway.certificates.CertificateRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Which of a partner's rotated certificates is in force at a given instant, with certificates of chosen validity. */
class PartyRotationTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant NEW_STARTS = T0.plus(100, ChronoUnit.DAYS);
    private static final Instant OLD_ENDS = T0.plus(130, ChronoUnit.DAYS);

    private static Party partner;
    private static X509Certificate oldSigning;
    private static X509Certificate oldEncryption;
    private static X509Certificate newSigning;
    private static X509Certificate newEncryption;

    @BeforeAll
    static void certificates() {
        CertificateAuthority ca = CertificateAuthority.create("rotation CA", T0.minus(1, ChronoUnit.DAYS),
                T0.plus(1000, ChronoUnit.DAYS));
        oldSigning = issue(ca, "old signing", CertificatePurpose.SIGNING, T0, OLD_ENDS);
        oldEncryption = issue(ca, "old encryption", CertificatePurpose.ENCRYPTION, T0, OLD_ENDS);
        newSigning = issue(ca, "new signing", CertificatePurpose.SIGNING, NEW_STARTS, NEW_STARTS.plus(365, ChronoUnit.DAYS));
        newEncryption = issue(ca, "new encryption", CertificatePurpose.ENCRYPTION, NEW_STARTS,
                NEW_STARTS.plus(365, ChronoUnit.DAYS));
        partner = new Party("partner", new PartyId("partner", ""), Optional.empty(), oldSigning, oldEncryption, Map.of(),
                Map.of(SecurityProfile.EDELIVERY_1_15, List.of(new ProfileCertificates(newSigning, newEncryption))));
    }

    private static X509Certificate issue(CertificateAuthority ca, String name, CertificatePurpose purpose, Instant from,
            Instant to) {
        return ca.issue(new CertificateRequest(name, purpose, from, to, List.of())).certificate();
    }

    @Test
    void theOldEncryptionCertificateIsUsedUntilTheNewOneStarts() {
        assertEquals(oldEncryption, partner.encryptionCertificate(SecurityProfile.EDELIVERY_1_15,
                NEW_STARTS.minusSeconds(1)));
    }

    @Test
    void theNewEncryptionCertificateIsUsedFromItsStartDate() {
        assertEquals(newEncryption, partner.encryptionCertificate(SecurityProfile.EDELIVERY_1_15, NEW_STARTS));
        assertEquals(newEncryption, partner.encryptionCertificate(SecurityProfile.EDELIVERY_1_15, OLD_ENDS.plusSeconds(1)));
    }

    @Test
    void bothSigningCertificatesAreAcceptedDuringTheOverlapAndOnlyTheNewOneAfterTheOldEnds() {
        assertEquals(List.of(oldSigning), partner.signingCertificates(SecurityProfile.EDELIVERY_1_15,
                NEW_STARTS.minusSeconds(1)));
        assertEquals(List.of(oldSigning, newSigning), partner.signingCertificates(SecurityProfile.EDELIVERY_1_15,
                NEW_STARTS.plus(1, ChronoUnit.DAYS)));
        assertEquals(List.of(newSigning), partner.signingCertificates(SecurityProfile.EDELIVERY_1_15,
                OLD_ENDS.plusSeconds(1)));
    }

    @Test
    void rotatedCertificatesAreAmongThoseLookedUpForReferences() {
        assertEquals(List.of(oldSigning, oldEncryption, newSigning, newEncryption), partner.allCertificates());
    }
}
