package org.imigateway.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;

import org.imigateway.certificates.IssuedCertificate;
import org.imigateway.discovery.DiscoveryException.Cause;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An SMP that redirects to another SMP (SMP 1.0 Redirect with CertificateUID, SMP 2.0 Redirect
 * with the target's certificate): one hop is followed, the target's answer must be signed by the
 * certificate the first SMP names (and chain to the SMP anchor), a second redirect is refused.
 */
class SmpRedirectTest extends DiscoveryFixture {

    static final URI B_AS4_MOVED = URI.create("http://127.0.0.1:9/as4-at-the-new-smp");

    static IssuedCertificate targetKey;
    static LoopbackSmp target;

    @BeforeAll
    static void startTarget() throws Exception {
        targetKey = smpCa.issueSigning("smp-new");
        target = new LoopbackSmp(targetKey.privateKey(), targetKey.certificate());
    }

    @AfterAll
    static void stopTarget() throws Exception {
        target.close();
    }

    @BeforeEach
    void clearTarget() throws Exception {
        target.clear();
        target.publish(B, DOC, PROC, LoopbackSmp.Published.as4(B_AS4_MOVED, apB.certificate()));
        target.publish2(B, DOC, PROC, SmpVersion.V2, LoopbackSmp.Published.as4(B_AS4_MOVED, apB.certificate()));
    }

    private static String subject(IssuedCertificate c) {
        return c.certificate().getSubjectX500Principal().getName();
    }

    @Test
    void smp1RedirectIsFollowedToTheSmpItNames() throws Exception {
        URI moved = target.metadataUrl(SmpVersion.V1, B, DOC);
        smp.redirect1(B, DOC, moved, subject(targetKey));
        Endpoint e = discovery.endpoint(B, DOC, PROC);
        assertEquals(B_AS4_MOVED, e.address());
        assertEquals(moved, e.smp());
    }

    @Test
    void smp1RedirectToAnSmpSigningWithAnotherSubjectIsRefused() throws Exception {
        smp.redirect1(B, DOC, target.metadataUrl(SmpVersion.V1, B, DOC), subject(smpKey));
        DiscoveryException e = assertThrows(DiscoveryException.class, () -> discovery.endpoint(B, DOC, PROC));
        assertEquals(Cause.BAD_SIGNATURE, e.cause());
        assertTrue(e.getMessage().contains("redirects there"), e.getMessage());
    }

    @Test
    void redirectTargetSignedOutsideTheSmpAnchorIsRefusedEvenWhenItsSubjectMatches() throws Exception {
        IssuedCertificate rogueKey = strangerCa.issueSigning("smp-new");
        try (LoopbackSmp rogue = new LoopbackSmp(rogueKey.privateKey(), rogueKey.certificate())) {
            rogue.publish(B, DOC, PROC, LoopbackSmp.Published.as4(B_AS4_MOVED, apB.certificate()));
            smp.redirect1(B, DOC, rogue.metadataUrl(SmpVersion.V1, B, DOC), subject(rogueKey));
            DiscoveryException e = assertThrows(DiscoveryException.class, () -> discovery.endpoint(B, DOC, PROC));
            assertEquals(Cause.BAD_SIGNATURE, e.cause());
            assertTrue(e.getMessage().contains("trust anchor"), e.getMessage());
        }
    }

    @Test
    void smp2RedirectIsFollowedToTheSmpItNames() throws Exception {
        smp.redirect2(B, DOC, PROC, target.metadataUrl(SmpVersion.V2, B, DOC), targetKey.certificate());
        assertEquals(B_AS4_MOVED, discovery(Duration.ofSeconds(2), SmpVersion.V2).endpoint(B, DOC, PROC).address());
    }

    @Test
    void smp2RedirectToAnSmpSigningWithAnotherCertificateIsRefused() throws Exception {
        smp.redirect2(B, DOC, PROC, target.metadataUrl(SmpVersion.V2, B, DOC), smpKey.certificate());
        DiscoveryException e = assertThrows(DiscoveryException.class,
                () -> discovery(Duration.ofSeconds(2), SmpVersion.V2).endpoint(B, DOC, PROC));
        assertEquals(Cause.BAD_SIGNATURE, e.cause());
        assertTrue(e.getMessage().contains("certificate(s) the redirect publishes"), e.getMessage());
    }

    @Test
    void aSecondRedirectIsNotFollowed() throws Exception {
        smp.redirect1(B, DOC, target.metadataUrl(SmpVersion.V1, B, DOC), subject(targetKey));
        target.redirect1(B, DOC, URI.create(smp.url() + "elsewhere"), subject(smpKey));
        DiscoveryException e = assertThrows(DiscoveryException.class, () -> discovery.endpoint(B, DOC, PROC));
        assertEquals(Cause.BAD_ANSWER, e.cause());
        assertTrue(e.getMessage().contains("at most one redirect"), e.getMessage());
    }
}
