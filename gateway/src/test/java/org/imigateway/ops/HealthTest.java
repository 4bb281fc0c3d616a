package org.imigateway.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Map;

import org.imigateway.certificates.CertificateAuthority;
import org.imigateway.certificates.CertificatePurpose;
import org.imigateway.certificates.CertificateRequest;
import org.imigateway.pmode.PModeSet;
import org.imigateway.store.Database;
import org.imigateway.store.MessageLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /health's verdicts: a certificate near its end warns; an expired one, a stopped broker or a route that does not consume is DOWN. */
class HealthTest {

    @TempDir
    static Path dir;
    static CertificateAuthority ca;
    static Database database;
    static MessageLog log;

    @BeforeAll
    static void setUp() {
        ca = CertificateAuthority.create("Health Test CA");
        database = Database.open(dir.resolve("derby"));
        log = new MessageLog(database);
    }

    @AfterAll
    static void tearDown() {
        database.close();
    }

    @Test
    void everythingInOrderIsUp() {
        Health.Report report = health(true, certificate(400)).check();
        assertEquals(Health.State.UP, report.state(), report.toJson());
        assertEquals(List.of("broker", "routes", "database", "disk", "certificates"), List.copyOf(report.checks().keySet()));
    }

    /** A detail carries a route's or a library's message: quotes, backslashes and line breaks must stay valid JSON. */
    @Test
    void theJsonIsValidAndKeepsEveryDetailAsWritten() throws Exception {
        String detail = "route \"deliver-x\" said C:\\data\nthen\u0001 stopped";
        Health.Report report = new Health.Report(Health.State.DOWN, new java.util.LinkedHashMap<>(Map.of(
                "routes", new Health.Check(Health.State.DOWN, detail))));

        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(report.toJson());

        assertEquals("DOWN", json.path("status").asText());
        assertEquals("DOWN", json.path("checks").path("routes").path("status").asText());
        assertEquals(detail, json.path("checks").path("routes").path("detail").asText());
    }

    @Test
    void aCertificateWithinThirtyDaysIsAWarning() {
        Health.Report report = health(true, certificate(10)).check();
        assertEquals(Health.State.WARN, report.state(), report.toJson());
        assertTrue(report.toJson().contains("own:signing=10"), report.toJson());
    }

    @Test
    void anExpiredCertificateIsDown() {
        Health.Report report = health(true, certificate(-2)).check();
        assertEquals(Health.State.DOWN, report.checks().get("certificates").state(), report.toJson());
        assertEquals(Health.State.DOWN, report.state());
    }

    @Test
    void aStoppedBrokerIsDown() {
        Health.Report report = health(false, certificate(400)).check();
        assertEquals(Health.State.DOWN, report.checks().get("broker").state(), report.toJson());
        assertEquals(Health.State.UP, report.checks().get("database").state(), report.toJson());
    }

    @Test
    void aRunningBrokerThatTakesNoMessagesIsDownWithTheReason() {
        CertificateExpiry expiry = new CertificateExpiry(Map.of("signing", certificate(400)),
                () -> new PModeSet(List.of(), List.of()));
        Health health = new Health(() -> true, () -> Optional.of("the disk is above max-disk-usage"), List::of, log, dir,
                expiry, ClusterState.SINGLE, () -> "the embedded broker");
        Health.Report report = health.check();
        assertEquals(Health.State.DOWN, report.state(), report.toJson());
        assertEquals("started, but takes no messages: the disk is above max-disk-usage",
                report.checks().get("broker").detail());
    }

    @Test
    void aRouteThatDoesNotConsumeIsDownAndNamed() {
        CertificateExpiry expiry = new CertificateExpiry(Map.of("signing", certificate(400)),
                () -> new PModeSet(List.of(), List.of()));
        Health health = new Health(() -> true, Optional::empty, () -> List.of("route deliver-default: the route is Stopped"), log, dir, expiry, ClusterState.SINGLE, () -> "the embedded broker");
        Health.Report report = health.check();
        assertEquals(Health.State.DOWN, report.state(), report.toJson());
        assertEquals(Health.State.DOWN, report.checks().get("routes").state());
        assertTrue(report.toJson().contains("route deliver-default: the route is Stopped"), report.toJson());
    }

    private static Health health(boolean brokerStarted, X509Certificate signing) {
        CertificateExpiry expiry = new CertificateExpiry(Map.of("signing", signing),
                () -> new PModeSet(List.of(), List.of()));
        return new Health(() -> brokerStarted, Optional::empty, List::of, log, dir, expiry, ClusterState.SINGLE, () -> "the embedded broker");
    }

    /** A signing certificate whose last day is {@code days} from now (plus an hour, so whole days count right). */
    private static X509Certificate certificate(int days) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = now.plus(days, ChronoUnit.DAYS).plusSeconds(3600);
        return ca.issue(CertificateRequest.of("health", CertificatePurpose.SIGNING)
                .validity(now.minus(30, ChronoUnit.DAYS), notAfter)).certificate();
    }
}
