package org.imigateway.discovery;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.imigateway.certificates.CertificateAuthority;
import org.imigateway.certificates.IssuedCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the discovery tests share: the network's AP and SMP CAs, a real DNS server and a real
 * HTTP SMP on loopback, participant B registered in the SML with a signed SMP 1.0 answer, and a
 * {@link Discovery} on a clock the test moves.
 */
abstract class DiscoveryFixture {

    static final String ZONE = "sml.imi.test";
    static final ParticipantId B = ParticipantId.parse("iso6523-actorid-upis::0088:imi-b");
    static final Endpoint.DocumentType DOC = Endpoint.DocumentType.parse("imi-doctype::urn:imi:request:1.0");
    static final Endpoint.Process PROC = Endpoint.Process.parse("imi-process::urn:imi:cooperation");
    static final URI B_AS4 = URI.create("http://127.0.0.1:9/as4");

    static LoopbackDnsServer dns;
    static LoopbackSmp smp;
    static CertificateAuthority apCa;
    static IssuedCertificate apB;
    static IssuedCertificate smpKey;
    static CertificateAuthority smpCa;
    static CertificateAuthority strangerCa;

    final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
    final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    Discovery discovery;

    @BeforeAll
    static void start() throws Exception {
        if (apCa == null) {
            keys();
        }
        dns = new LoopbackDnsServer();
        smp = new LoopbackSmp(smpKey.privateKey(), smpKey.certificate());
    }

    /** Once per test JVM for every discovery test class: key generation is what makes these tests slow. */
    private static synchronized void keys() throws Exception {
        apCa = CertificateAuthority.create("IMI test AP CA");
        smpCa = CertificateAuthority.create("IMI test SMP CA");
        strangerCa = CertificateAuthority.create("Someone else's CA");
        apB = apCa.issueSigning("gateway-b");
        smpKey = smpCa.issueSigning("smp");
    }

    @AfterAll
    static void stop() throws Exception {
        smp.close();
        dns.close();
    }

    @BeforeEach
    void fresh() throws Exception {
        dns.clear();
        smp.clear();
        dns.naptr(BdxlName.of(B, ZONE), 100, 10, "U", "Meta:SMP", "!.*!" + smp.url() + "!");
        smp.publish(B, DOC, PROC, LoopbackSmp.Published.as4(B_AS4, apB.certificate()));
        discovery = discovery(Duration.ofSeconds(2));
    }

    Discovery discovery(Duration timeout) {
        return discovery(timeout, SmpVersion.V1);
    }

    Discovery discovery(Duration timeout, SmpVersion version) {
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        SmpClient client = new SmpClient(timeout, version, new SmpSignature(ChainCheck.of(smpCa.certificate())),
                new EndpointChoice(List.of(LoopbackSmp.AS4_PROFILE), ChainCheck.of(apCa.certificate())));
        return new Discovery(new BdxlLocator(ZONE, Optional.of(dns.address()), timeout), client, Duration.ofMinutes(10),
                clock, metrics);
    }
}
