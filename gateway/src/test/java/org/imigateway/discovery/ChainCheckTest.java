package org.imigateway.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import java.security.cert.TrustAnchor;

import org.imigateway.certificates.CertificateAuthority;
import org.imigateway.certificates.IssuedCertificate;
import org.junit.jupiter.api.Test;

/** The AP anchor check of a discovered endpoint certificate, with the network's revocation list. */
class ChainCheckTest {

    @Test
    void revokedEndpointCertificateIsRefusedAndAGoodOneKept() {
        CertificateAuthority ca = CertificateAuthority.create("IMI test AP CA");
        IssuedCertificate good = ca.issueSigning("gateway-good");
        IssuedCertificate revoked = ca.issueSigning("gateway-revoked");
        ca.revoke(revoked.certificate());
        ChainCheck check = new ChainCheck(Set.of(new TrustAnchor(ca.certificate(), null)), List.of(ca.crl()));
        assertEquals(Optional.empty(), check.refusal(good.certificate(), Instant.now()));
        Optional<String> refusal = check.refusal(revoked.certificate(), Instant.now());
        assertTrue(refusal.isPresent() && refusal.get().contains("gateway-revoked"), refusal.toString());
        assertTrue(refusal.get().toLowerCase().contains("revoked"), refusal.get());
    }
}
