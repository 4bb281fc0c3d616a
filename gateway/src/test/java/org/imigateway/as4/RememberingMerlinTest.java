package org.imigateway.as4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import org.apache.wss4j.common.ext.WSSecurityException;
import org.imigateway.certificates.CertificateAuthority;
import org.imigateway.certificates.IssuedCertificate;
import org.junit.jupiter.api.Test;

class RememberingMerlinTest {

    private final CertificateAuthority ca = CertificateAuthority.create("Remembering CA");
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    };

    @Test
    void aTrustedChainIsCheckedOnceAMinuteNotForEveryMessage() throws Exception {
        RememberingMerlin merlin = trusting(ca);
        X509Certificate[] chain = chain(ca.issueSigning("gw-a"));
        for (int i = 0; i < 3; i++) {
            merlin.verifyTrust(chain, true, List.of(), List.of());
        }
        assertEquals(1, merlin.pathChecks());

        now.set(now.get().plus(RememberingMerlin.REMEMBERED).plusSeconds(1));
        merlin.verifyTrust(chain, true, List.of(), List.of());
        assertEquals(2, merlin.pathChecks(), "after the remembered while the path is checked again");
    }

    @Test
    void aRefusedChainIsCheckedAgainEveryTime() {
        RememberingMerlin merlin = trusting(ca);
        X509Certificate[] stranger = chain(CertificateAuthority.create("Other CA").issueSigning("gw-x"));
        for (int i = 1; i <= 3; i++) {
            assertThrows(WSSecurityException.class, () -> merlin.verifyTrust(stranger, true, List.of(), List.of()));
            assertEquals(i, merlin.pathChecks());
        }
    }

    @Test
    void otherConstraintsOrRevocationSwitchAreAnotherQuestion() throws Exception {
        RememberingMerlin merlin = trusting(ca);
        X509Certificate[] chain = chain(ca.issueSigning("gw-a"));
        merlin.verifyTrust(chain, true, List.of(), List.of());
        merlin.verifyTrust(chain, false, List.of(), List.of());
        merlin.verifyTrust(chain, true, List.of(Pattern.compile(".*CN=gw-a.*")), List.of());
        assertEquals(3, merlin.pathChecks());
        assertThrows(WSSecurityException.class,
                () -> merlin.verifyTrust(chain, true, List.of(Pattern.compile(".*CN=gw-b.*")), List.of()),
                "a subject constraint the remembered answer did not meet is checked, and refused");
    }

    @Test
    void aRememberedCertificateIsRefusedOutsideItsDates() throws Exception {
        RememberingMerlin merlin = trusting(ca);
        IssuedCertificate issued = ca.issueSigning("gw-a");
        X509Certificate[] chain = chain(issued);
        // Remembered just before the certificate was valid by this clock (the PKIX check itself runs on the real time).
        now.set(issued.certificate().getNotBefore().toInstant().minusSeconds(30));
        merlin.verifyTrust(chain, true, List.of(), List.of());
        now.set(now.get().plusSeconds(10));
        WSSecurityException refused = assertThrows(WSSecurityException.class,
                () -> merlin.verifyTrust(chain, true, List.of(), List.of()));
        assertEquals(WSSecurityException.ErrorCode.FAILED_CHECK, refused.getErrorCode());
        assertEquals(1, merlin.pathChecks(), "refused by the remembered entry's date check, not by a new path check");
    }

    @Test
    void theGatewaysVerificationStoreRemembers() {
        PairOfKeys keys = PairOfKeys.issue();
        assertEquals(RememberingMerlin.class, keys.receiver().verification().getClass());
    }

    private RememberingMerlin trusting(CertificateAuthority authority) {
        try {
            RememberingMerlin merlin = new RememberingMerlin(clock);
            java.security.KeyStore anchors = java.security.KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            anchors.setCertificateEntry("anchor", authority.certificate());
            merlin.setTrustStore(anchors);
            merlin.setCRLCertStore(java.security.cert.CertStore.getInstance("Collection",
                    new java.security.cert.CollectionCertStoreParameters(List.of(authority.crl()))));
            return merlin;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate[] chain(IssuedCertificate issued) {
        return issued.chain().toArray(X509Certificate[]::new);
    }
}
