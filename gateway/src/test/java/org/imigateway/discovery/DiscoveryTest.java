package org.imigateway.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.imigateway.certificates.CertificatePurpose;
import org.imigateway.certificates.CertificateRequest;
import org.imigateway.certificates.IssuedCertificate;
import org.imigateway.discovery.DiscoveryException.Cause;
import org.junit.jupiter.api.Test;

/**
 * The whole lookup against a real DNS server and a real HTTP SMP on loopback: the good answer,
 * the cache and its refresh, and each bad answer with the cause it is refused for.
 */
class DiscoveryTest extends DiscoveryFixture {

    private DiscoveryException refused() {
        return assertThrows(DiscoveryException.class, () -> discovery.endpoint(B, DOC, PROC));
    }

    @Test
    void signedAnswerGivesEndpointAddressAndCertificate() throws Exception {
        Endpoint e = discovery.endpoint(B, DOC, PROC);
        assertEquals(B_AS4, e.address());
        assertEquals(apB.certificate(), e.certificate());
        assertEquals(LoopbackSmp.AS4_PROFILE, e.transportProfile());
        assertEquals(smp.url(), e.smp());
    }

    @Test
    void newCertificateIsUsedOnceTheCacheHasExpired() throws Exception {
        assertEquals(apB.certificate(), discovery.endpoint(B, DOC, PROC).certificate());
        IssuedCertificate renewed = apCa.issueSigning("gateway-b renewed");
        smp.publish(B, DOC, PROC, LoopbackSmp.Published.as4(B_AS4, renewed.certificate()));
        assertEquals(apB.certificate(), discovery.endpoint(B, DOC, PROC).certificate(), "still cached");
        now.set(now.get().plus(Duration.ofMinutes(11)));
        assertEquals(renewed.certificate(), discovery.endpoint(B, DOC, PROC).certificate());
        assertEquals(1.0, metrics.counter("imi.discovery.lookups", "outcome", "cached").count());
    }

    @Test
    void failedRefreshKeepsTheLastGoodAnswerUntilItsExpiry() throws Exception {
        discovery.endpoint(B, DOC, PROC);
        smp.fault(LoopbackSmp.Fault.SERVER_ERROR);
        now.set(now.get().plus(Duration.ofMinutes(11)));
        Discovery.Answer answer = discovery.lookup(B, DOC, PROC);
        assertEquals(apB.certificate(), answer.endpoint().certificate());
        assertTrue(answer.source().startsWith("last good answer"), answer.source());
        now.set(apB.certificate().getNotAfter().toInstant().plusSeconds(1));
        assertEquals(Cause.UNREACHABLE, refused().cause());
    }

    @Test
    void unregisteredParticipantIsNxdomain() {
        dns.clear();
        DiscoveryException e = refused();
        assertEquals(Cause.NXDOMAIN, e.cause());
        assertEquals("EBMS:0003", e.cause().outcome());
    }

    @Test
    void noMetaSmpRecordIsNoNaptr() {
        dns.clear();
        dns.naptr(BdxlName.of(B, ZONE), 100, 10, "U", "Meta:Other", "!.*!" + smp.url() + "!");
        assertEquals(Cause.NO_NAPTR, refused().cause());
    }

    @Test
    void smpDownIsUnreachable() {
        dns.clear();
        dns.naptr(BdxlName.of(B, ZONE), 100, 10, "U", "Meta:SMP", "!.*!http://127.0.0.1:9/smp/!");
        DiscoveryException e = refused();
        assertEquals(Cause.UNREACHABLE, e.cause());
        assertEquals("SEND_FAILURE", e.cause().outcome());
    }

    @Test
    void slowSmpIsUnreachableAfterTheTimeout() {
        smp.fault(LoopbackSmp.Fault.SLOW);
        discovery = discovery(Duration.ofMillis(500));
        DiscoveryException e = refused();
        assertEquals(Cause.UNREACHABLE, e.cause());
        assertTrue(e.getMessage().contains("did not answer"), e.getMessage());
    }

    @Test
    void unsignedAnswerIsRefused() {
        smp.fault(LoopbackSmp.Fault.UNSIGNED);
        DiscoveryException e = refused();
        assertEquals(Cause.BAD_SIGNATURE, e.cause());
        assertEquals("EBMS:0010", e.cause().outcome());
        assertTrue(e.getMessage().contains("not signed"), e.getMessage());
    }

    @Test
    void answerChangedAfterSigningIsRefused() {
        smp.fault(LoopbackSmp.Fault.TAMPERED);
        DiscoveryException e = refused();
        assertEquals(Cause.BAD_SIGNATURE, e.cause());
        assertTrue(e.getMessage().contains("does not verify"), e.getMessage());
    }

    @Test
    void answerSignedByAnotherSmpKeyIsRefused() throws Exception {
        IssuedCertificate other = strangerCa.issueSigning("rogue smp");
        try (LoopbackSmp rogue = new LoopbackSmp(other.privateKey(), other.certificate())) {
            rogue.publish(B, DOC, PROC, LoopbackSmp.Published.as4(B_AS4, apB.certificate()));
            dns.clear();
            dns.naptr(BdxlName.of(B, ZONE), 100, 10, "U", "Meta:SMP", "!.*!" + rogue.url() + "!");
            DiscoveryException e = refused();
            assertEquals(Cause.BAD_SIGNATURE, e.cause());
            assertTrue(e.getMessage().contains("trust anchor"), e.getMessage());
        }
    }

    @Test
    void noEndpointForOurTransportProfile() throws Exception {
        smp.publish(B, DOC, PROC, new LoopbackSmp.Published("peppol-transport-as2-v2_0", B_AS4, apB.certificate(),
                Optional.empty(), Optional.empty()));
        DiscoveryException e = refused();
        assertEquals(Cause.NO_ENDPOINT, e.cause());
        assertTrue(e.getMessage().contains("peppol-transport-as2-v2_0"), e.getMessage());
    }

    @Test
    void unpublishedDocumentTypeIsNoEndpoint() {
        DiscoveryException e = assertThrows(DiscoveryException.class,
                () -> discovery.endpoint(B, Endpoint.DocumentType.parse("imi-doctype::other"), PROC));
        assertEquals(Cause.NO_ENDPOINT, e.cause());
    }

    @Test
    void expiredEndpointIsRefused() throws Exception {
        Instant past = now.get().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        smp.publish(B, DOC, PROC, new LoopbackSmp.Published(LoopbackSmp.AS4_PROFILE, B_AS4, apB.certificate(),
                Optional.of(past.minus(30, ChronoUnit.DAYS)), Optional.of(past)));
        DiscoveryException e = refused();
        assertEquals(Cause.ENDPOINT_NOT_ACTIVE, e.cause());
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
    }

    @Test
    void certificateNotChainingToTheApAnchorIsRefused() throws Exception {
        smp.publish(B, DOC, PROC, LoopbackSmp.Published.as4(B_AS4, strangerCa.issueSigning("gateway-x").certificate()));
        DiscoveryException e = refused();
        assertEquals(Cause.UNTRUSTED_CERTIFICATE, e.cause());
        assertEquals("EBMS:0010", e.cause().outcome());
    }

    @Test
    void expiredEndpointCertificateIsRefused() throws Exception {
        Instant start = now.get().minus(40, ChronoUnit.DAYS);
        IssuedCertificate old = apCa.issue(CertificateRequest.of("gateway-b old", CertificatePurpose.SIGNING)
                .validity(start, start.plus(10, ChronoUnit.DAYS)));
        smp.publish(B, DOC, PROC, LoopbackSmp.Published.as4(B_AS4, old.certificate()));
        assertEquals(Cause.UNTRUSTED_CERTIFICATE, refused().cause());
    }
}
