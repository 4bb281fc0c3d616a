package org.imigateway.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.imigateway.certificates.CertificateAuthority;
import org.imigateway.certificates.Stores;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** The partner options: each bad value is refused naming its option and the value, before anything starts. */
class PartnerTest {

    @TempDir
    static Path dir;

    private static CertificateAuthority sandboxCa;
    private static Path good;

    @BeforeAll
    static void certificates() {
        sandboxCa = CertificateAuthority.create("IMI Gateway Demo CA");
        good = dir.resolve("good.pem");
        Stores.writePem(good, List.of(sandboxCa.certificate()));
    }

    private static String refusal(String url, Path cert) {
        return assertThrows(IllegalArgumentException.class, () -> Partner.of(url, cert, Optional.empty(), Instant.now()))
                .getMessage();
    }

    @Test
    void aGoodEndpointAndCertificateAreTaken() {
        Partner partner = Partner.of("https://as4.example.org:8443/as4", good, Optional.empty(), Instant.now());

        assertEquals("as4.example.org", partner.endpoint().getHost());
        assertEquals(partner.signing(), partner.encryption());
        partner.checkIssuedBy(sandboxCa.certificate(), good);
    }

    @Test
    void badValuesAreNamedWithTheirOption() throws Exception {
        assertEquals("--partner-endpoint 'as4.example.org/as4': not an http or https URL with a host"
                + " (e.g. https://as4.example.org:8443/as4)", refusal("as4.example.org/as4", good));
        assertTrue(refusal("http://a b/", good).startsWith("--partner-endpoint 'http://a b/': not a URL"));
        assertTrue(refusal("ftp://as4.example.org/", good).startsWith("--partner-endpoint 'ftp://as4.example.org/'"));

        Path missing = dir.resolve("missing.pem");
        assertEquals("--partner-cert " + missing + ": no such file", refusal("http://localhost/as4", missing));
        Path text = Files.writeString(dir.resolve("text.pem"), "hello", StandardCharsets.US_ASCII);
        assertTrue(refusal("http://localhost/as4", text).startsWith("--partner-cert " + text + ": not a PEM X.509 certificate"));

        Instant now = Instant.now();
        Path expired = dir.resolve("expired.pem");
        Stores.writePem(expired, List.of(CertificateAuthority.create("Expired", now.minus(Duration.ofDays(30)),
                now.minus(Duration.ofDays(1))).certificate()));
        assertTrue(refusal("http://localhost/as4", expired).startsWith("--partner-cert " + expired + ": expired on "),
                refusal("http://localhost/as4", expired));

        IllegalArgumentException encryption = assertThrows(IllegalArgumentException.class,
                () -> Partner.of("http://localhost/as4", good, Optional.of(missing), Instant.now()));
        assertEquals("--partner-encryption-cert " + missing + ": no such file", encryption.getMessage());
    }

    @Test
    void aCertificateOfAnotherCaIsRefusedAsTheHubWouldRefuseItsSignatures() {
        Path other = dir.resolve("other.pem");
        Stores.writePem(other, List.of(CertificateAuthority.create("Someone else's CA").certificate()));
        Partner partner = Partner.of("http://localhost/as4", other, Optional.empty(), Instant.now());

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> partner.checkIssuedBy(sandboxCa.certificate(), good));
        assertTrue(refused.getMessage().startsWith("--partner-cert " + other + ": not issued by the sandbox's CA " + good),
                refused.getMessage());
    }

    @Test
    void theCommandExitsWithTwoOnABadPartnerOptionBeforeStartingAnything() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream before = System.err;
        int code;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            code = new CommandLine(new SandboxCommand()).execute("--dir", dir.resolve("sbx").toString(),
                    "--partner-endpoint", "not a url", "--partner-cert", good.toString());
        } finally {
            System.setErr(before);
        }

        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("imi-sandbox: --partner-endpoint 'not a url'"), err.toString());
        assertTrue(!Files.exists(dir.resolve("sbx/hub")), "no sandbox written");
    }
}
