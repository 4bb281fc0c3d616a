package org.imigateway.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SML step against a real DNS server on loopback holding BDXL NAPTR records. */
class BdxlLocatorTest {

    static final String ZONE = "sml.imi.test";
    static final ParticipantId PARTICIPANT = ParticipantId.parse("iso6523-actorid-upis::0088:5798000000001");

    static LoopbackDnsServer dns;
    static BdxlLocator locator;

    @BeforeAll
    static void start() throws Exception {
        dns = new LoopbackDnsServer();
        locator = new BdxlLocator(ZONE, Optional.of(dns.address()), Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() throws Exception {
        dns.close();
    }

    @BeforeEach
    void empty() {
        dns.clear();
    }

    private static String name() {
        return BdxlName.of(PARTICIPANT, ZONE);
    }

    @Test
    void metaSmpNaptrGivesTheSmpUrl() throws Exception {
        dns.naptr(name(), 100, 10, "U", "Meta:SMP", "!.*!https://smp.imi.test:8443/smp/!");
        assertEquals(URI.create("https://smp.imi.test:8443/smp/"), locator.locate(PARTICIPANT));
    }

    @Test
    void lowestOrderThenPreferenceWinsAndOtherServicesAreIgnored() throws Exception {
        dns.naptr(name(), 100, 20, "U", "Meta:SMP", "!.*!https://second.test/!");
        dns.naptr(name(), 50, 10, "U", "Meta:Other", "!.*!https://other.test/!");
        dns.naptr(name(), 100, 10, "U", "meta:smp", "!.*!https://first.test/!");
        assertEquals(URI.create("https://first.test/"), locator.locate(PARTICIPANT));
    }

    @Test
    void backReferencesInTheReplacementUseTheQueriedName() throws Exception {
        // dnsjava reads the record's text with DNS escapes: "\\\\1" is the wire's \1
        dns.naptr(name(), 1, 1, "U", "Meta:SMP", "!^([a-z0-9]+)[.].*$!https://smp.test/\\\\1!");
        URI url = locator.locate(PARTICIPANT);
        assertEquals("/" + name().substring(0, name().indexOf('.')), url.getPath());
    }

    @Test
    void unknownParticipantIsNxdomain() {
        DiscoveryException e = assertThrows(DiscoveryException.class, () -> locator.locate(PARTICIPANT));
        assertEquals(DiscoveryException.Cause.NXDOMAIN, e.cause());
        assertTrue(e.getMessage().contains(PARTICIPANT.toString()), e.getMessage());
        assertEquals("EBMS:0003", e.cause().outcome());
    }

    @Test
    void nameWithoutNaptrIsNoNaptr() {
        dns.emptyName(name());
        DiscoveryException e = assertThrows(DiscoveryException.class, () -> locator.locate(PARTICIPANT));
        assertEquals(DiscoveryException.Cause.NO_NAPTR, e.cause());
    }

    @Test
    void naptrForAnotherServiceOrNotTerminalIsNoNaptr() {
        dns.naptr(name(), 1, 1, "U", "Meta:Other", "!.*!https://other.test/!");
        dns.naptr(name(), 1, 1, "", "Meta:SMP", "!.*!https://nonterminal.test/!");
        DiscoveryException e = assertThrows(DiscoveryException.class, () -> locator.locate(PARTICIPANT));
        assertEquals(DiscoveryException.Cause.NO_NAPTR, e.cause());
    }

    @Test
    void regexpGivingNoHttpUrlIsRefusedNamingIt() {
        dns.naptr(name(), 1, 1, "U", "Meta:SMP", "!.*!ftp://smp.test/!");
        DiscoveryException e = assertThrows(DiscoveryException.class, () -> locator.locate(PARTICIPANT));
        assertEquals(DiscoveryException.Cause.NO_NAPTR, e.cause());
        assertTrue(e.getMessage().contains("ftp://smp.test/"), e.getMessage());
    }

    @Test
    void silentDnsServerIsUnreachableAndRetryable() throws Exception {
        dns.silence(name());
        BdxlLocator quick = new BdxlLocator(ZONE, Optional.of(dns.address()), Duration.ofMillis(300));
        DiscoveryException e = assertThrows(DiscoveryException.class, () -> quick.locate(PARTICIPANT));
        assertEquals(DiscoveryException.Cause.UNREACHABLE, e.cause());
        assertEquals("SEND_FAILURE", e.cause().outcome());
    }
}
