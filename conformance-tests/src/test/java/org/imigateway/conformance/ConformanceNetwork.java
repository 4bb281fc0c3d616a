package org.imigateway.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.imigateway.certificates.CertificateAuthority;
import org.imigateway.certificates.CertificatePurpose;
import org.imigateway.certificates.CertificateRequest;
import org.imigateway.certificates.IssuedCertificate;
import org.imigateway.certificates.PartyKit;
import org.imigateway.certificates.PkiLayout;
import org.imigateway.certificates.Stores;
import org.imigateway.testsupport.FreePort;
import org.imigateway.testsupport.Folders;
import org.imigateway.testsupport.GatewayHome;

/**
 * Two parties made by {@code imi-gateway init}: {@code target}, our gateway under test, and
 * {@code conformance}, whose keys the suite uses. Also the expired and revoked signing keys the
 * certificate cases need, issued by the same demo CA (the revocation goes into the target's CRL).
 */
final class ConformanceNetwork {

    static final String SUITE = "conformance";
    static final String TARGET = "target";
    static final String PASSWORD = "changeit-demo";
    static final String SERVICE = "urn:imigateway:demo:exchange";
    static final String SERVICE_TYPE = "urn:imigateway:service";
    static final String ACTION = "Deliver";
    static final String AGREEMENT = "urn:imigateway:agreement:demo";

    private static ConformanceNetwork shared;

    final Path dir;

    private ConformanceNetwork(Path dir) {
        this.dir = dir;
    }

    /**
     * One network for every test class of the run: making the keys takes longer than many cases.
     * Each class starts the target gateway it needs and stops it again, so they do not overlap.
     */
    static synchronized ConformanceNetwork shared() throws Exception {
        if (shared == null) {
            Path dir = Files.createTempDirectory("imi-conformance-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> Folders.deleteQuietly(dir)));
            shared = create(dir);
        }
        return shared;
    }

    static ConformanceNetwork create(Path dir) throws Exception {
        Files.createDirectories(dir);
        GatewayProcess.run(dir.resolve("init.log"), java.time.Duration.ofMinutes(8),
                "init", "--dir", dir.resolve("net").toString(), "--party", SUITE, "--party", TARGET);
        ConformanceNetwork network = new ConformanceNetwork(dir);
        network.issueBadSigningKeys();
        network.addHttpsToTarget();
        return network;
    }

    Path pki() {
        return dir.resolve("net/pki");
    }

    Path targetHome() {
        return dir.resolve("net/" + TARGET);
    }

    String targetUrl() throws IOException {
        return GatewayHome.at(targetHome()).as4Url();
    }

    /** The target's HTTPS endpoint (its TLS certificate names localhost), for the TLS cases. */
    String targetTlsUrl() throws IOException {
        return "https://localhost:" + GatewayHome.at(targetHome()).property("https.port") + "/as4";
    }

    /** The target receives on HTTPS too (TLS 1.2/1.3, as init wrote), so the TLS cases have an endpoint. */
    private void addHttpsToTarget() throws IOException {
        GatewayHome.at(targetHome()).appendProperties("https.port=" + FreePort.onLoopback());
    }

    /** The port of the suite party's endpoint in the target's PModes: where the target sends, so where the suite listens. */
    int suitePort() throws IOException {
        String pmodes = Files.readString(GatewayHome.at(targetHome()).pmodesFile());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<party name=\"" + SUITE
                + "\">\\s*<partyId>[^<]*</partyId>\\s*<endpoint>http://127\\.0\\.0\\.1:(\\d+)/").matcher(pmodes);
        if (!m.find()) {
            throw new IllegalStateException("no HTTP endpoint for party " + SUITE + " in the target's PModes:\n" + pmodes);
        }
        return Integer.parseInt(m.group(1));
    }

    /** The arguments of {@code imi-conformance run} against the target, as an integrator would write them. */
    List<String> runArguments(String cases, Path reportDir) throws IOException {
        return new ArrayList<>(List.of("run",
                "--target-url", targetUrl(),
                "--tls-url", targetTlsUrl(),
                "--target-cert", PartyKit.signingCertificateFile(pki(), TARGET).toString(),
                "--target-encryption-cert", PartyKit.encryptionCertificateFile(pki(), TARGET).toString(),
                "--trust-anchor", PkiLayout.caCertificate(pki()).toString(),
                "--keystore", PartyKit.keyStoreFile(pki(), SUITE).toString(),
                "--keystore-password", PASSWORD,
                "--party", SUITE, "--target-party", TARGET,
                "--service", SERVICE, "--service-type", SERVICE_TYPE, "--action", ACTION, "--agreement", AGREEMENT,
                "--delivery-dir", targetHome().resolve("data/inbox").toString(),
                "--delivery-wait", "20",
                "--expired-keystore", dir.resolve("expired.p12").toString(),
                "--revoked-keystore", dir.resolve("revoked.p12").toString(),
                "--cases", cases,
                "--report-dir", reportDir.toString()));
    }

    /** Keys with the suite party's name from the target's own CA: one expired, one revoked (in the target's CRL). */
    private void issueBadSigningKeys() throws IOException {
        char[] password = PASSWORD.toCharArray();
        CertificateAuthority ca = CertificateAuthority.load(PkiLayout.caKeyStore(pki()), password);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        IssuedCertificate expired = ca.issue(CertificateRequest.of(SUITE, CertificatePurpose.SIGNING)
                .validity(now.minus(30, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS)));
        IssuedCertificate revoked = ca.issueSigning(SUITE);
        ca.revoke(revoked.certificate());
        Stores.write(Stores.keyStore(Map.of(PartyKit.SIGNING_ALIAS, expired), password), dir.resolve("expired.p12"), password);
        Stores.write(Stores.keyStore(Map.of(PartyKit.SIGNING_ALIAS, revoked), password), dir.resolve("revoked.p12"), password);
        Stores.writePem(targetHome().resolve("keystores/ca-crl.pem"), List.of(ca.crl()));
    }
}
