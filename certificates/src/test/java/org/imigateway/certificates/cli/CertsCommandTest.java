package org.imigateway.certificates.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

import org.imigateway.certificates.CertificateAuthority;
import org.imigateway.certificates.PartyKit;
import org.imigateway.certificates.Stores;
import org.imigateway.certificates.TestFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * Runs {@code certs} the way a developer would: {@code init} once (RSA keys are slow), then the
 * tests revoke, issue and show against that directory in a fixed order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CertsCommandTest {

    @TempDir
    static Path pki;

    private static Run init;

    @BeforeAll
    static void init() {
        init = certs("init", "--out", pki.toString(), "--password", "pw", "--party", "red",
                "--host", "red.example.org", "--host", "10.0.0.7");
    }

    @Test
    @Order(1)
    void initWritesTheCaAndTheKitOfEachParty() throws Exception {
        assertEquals(0, init.exitCode, init.err);
        assertEquals(Set.of("ca.pem", "ca-crl.pem", "truststore.p12", "ca.p12",
                "red.p12", "red-signing.pem", "red-encryption.pem", "red-tls.pem", "red-signing-eddsa.pem",
                "red-encryption-x25519.pem", "red-signing-ecdsa.pem", "red-encryption-ecdh.pem"), TestFiles.names(pki));
        assertTrue(init.out.contains(pki.resolve("red.p12").toString()), init.out);
        X509Certificate server = Stores.readCertificate(pki.resolve("red-tls.pem"));
        assertEquals("[[2, red.example.org], [7, 10.0.0.7]]", server.getSubjectAlternativeNames().toString());
        server.verify(Stores.readCertificate(pki.resolve("ca.pem")).getPublicKey());
    }

    @Test
    @Order(2)
    void initRefusesToOverwriteAnExistingCa() {
        Run again = certs("init", "--out", pki.toString(), "--password", "pw", "--party", "blue");

        assertEquals(PkiSubcommand.BAD_INPUT, again.exitCode);
        assertTrue(again.err.contains("already holds a CA"), again.err);
        assertFalse(Files.exists(pki.resolve("blue.p12")));
    }

    @Test
    @Order(3)
    void revokeListsTheCertificateInTheCrlFile() {
        X509Certificate signing = Stores.readCertificate(pki.resolve("red-signing.pem"));

        Run revoke = certs("revoke", "--ca", pki.toString(), "--password", "pw", "--cert", pki.resolve("red-signing.pem").toString());

        assertEquals(0, revoke.exitCode, revoke.err);
        X509CRL crl = Stores.readCrl(pki.resolve("ca-crl.pem"));
        assertTrue(crl.isRevoked(signing));
        assertTrue(revoke.out.contains(signing.getSerialNumber().toString(16)), revoke.out);
    }

    @Test
    @Order(4)
    void secondRevokeKeepsTheFirst() {
        X509Certificate signing = Stores.readCertificate(pki.resolve("red-signing.pem"));
        X509Certificate encryption = Stores.readCertificate(pki.resolve("red-encryption.pem"));

        Run revoke = certs("revoke", "--ca", pki.toString(), "--password", "pw", "--cert", pki.resolve("red-encryption.pem").toString());

        assertEquals(0, revoke.exitCode, revoke.err);
        X509CRL crl = Stores.readCrl(pki.resolve("ca-crl.pem"));
        assertTrue(crl.isRevoked(encryption));
        assertTrue(crl.isRevoked(signing), "the earlier revocation is still listed");
        assertEquals(2, crl.getRevokedCertificates().size());
        assertTrue(CertificateAuthority.load(pki.resolve("ca.p12"), "pw".toCharArray()).crl().isRevoked(signing));
    }

    @Test
    @Order(5)
    void issueAddsAPartyFromTheSavedCa() {
        Run issue = certs("issue", "--ca", pki.toString(), "--password", "pw", "--party", "green");

        assertEquals(0, issue.exitCode, issue.err);
        PartyKit green = PartyKit.read(pki, "green", "pw".toCharArray());
        X509Certificate ca = Stores.readCertificate(pki.resolve("ca.pem"));
        assertEquals(ca, green.signing().chain().get(1));
        assertEquals(List.of("localhost", "127.0.0.1"), hostNames(green.tlsServer().certificate()), "default hosts");
    }

    @Test
    @Order(5)
    void issueWithPastDatesWritesAnExpiredKit() {
        Run issue = certs("issue", "--ca", pki.toString(), "--password", "pw", "--party", "expired-green",
                "--not-before", "2020-01-01", "--not-after", "2020-06-30T12:00:00Z");

        assertEquals(0, issue.exitCode, issue.err);
        PartyKit kit = PartyKit.read(pki, "expired-green", "pw".toCharArray());
        for (X509Certificate certificate : List.of(kit.signing().certificate(), kit.encryption().certificate(),
                kit.profileKey(PartyKit.SIGNING_EDDSA_ALIAS).orElseThrow().certificate())) {
            assertEquals(java.time.Instant.parse("2020-01-01T00:00:00Z"), certificate.getNotBefore().toInstant());
            assertEquals(java.time.Instant.parse("2020-06-30T12:00:00Z"), certificate.getNotAfter().toInstant());
        }
    }

    @Test
    @Order(5)
    void issueRefusesAnUnreadableOrBackwardsValidityNamingTheOption() {
        Run unreadable = certs("issue", "--ca", pki.toString(), "--password", "pw", "--party", "x", "--not-after", "soon");
        Run backwards = certs("issue", "--ca", pki.toString(), "--password", "pw", "--party", "x",
                "--not-before", "2026-02-01", "--not-after", "2026-01-01");

        assertEquals(PkiSubcommand.BAD_INPUT, unreadable.exitCode);
        assertTrue(unreadable.err.contains("--not-after 'soon' is neither a date"), unreadable.err);
        assertEquals(PkiSubcommand.BAD_INPUT, backwards.exitCode);
        assertTrue(backwards.err.contains("--not-after 2026-01-01T00:00:00Z is not after --not-before"), backwards.err);
    }

    @Test
    @Order(6)
    void showDescribesEachCertificateInTheFile() {
        X509Certificate server = Stores.readCertificate(pki.resolve("red-tls.pem"));

        Run show = certs("show", pki.resolve("red-tls.pem").toString());

        assertEquals(0, show.exitCode, show.err);
        assertTrue(show.out.contains("certificate 1 of 2"), show.out);
        assertTrue(show.out.contains("Subject:   CN=red,O=IMI Gateway"), show.out);
        assertTrue(show.out.contains("Issuer:    CN=IMI Gateway Test CA,O=IMI Gateway"), show.out);
        assertTrue(show.out.contains("Serial:    " + server.getSerialNumber().toString(16)), show.out);
        assertTrue(show.out.contains("Days left: 729") || show.out.contains("Days left: 730"), show.out);
        assertTrue(show.out.contains("Key:       RSA 3072 bits"), show.out);
        assertTrue(show.out.contains("Hosts:     red.example.org, 10.0.0.7"), show.out);
    }

    @Test
    @Order(7)
    void wrongPasswordIsBadInputWithAMessage() {
        Run revoke = certs("revoke", "--ca", pki.toString(), "--password", "wrong", "--cert", pki.resolve("red-tls.pem").toString());

        assertEquals(PkiSubcommand.BAD_INPUT, revoke.exitCode);
        assertTrue(revoke.err.contains("ca.p12") && revoke.err.contains("wrong password"), revoke.err);
        assertFalse(revoke.err.contains("\tat "), "no stack trace: " + revoke.err);
    }

    @Test
    @Order(8)
    void showOfAMissingFileIsBadInput() {
        Run show = certs("show", pki.resolve("nothing.pem").toString());

        assertEquals(PkiSubcommand.BAD_INPUT, show.exitCode);
        assertTrue(show.err.contains("nothing.pem"), show.err);
    }

    @Test
    @Order(9)
    void initWithABadPartyNameWritesNothing(@TempDir Path empty) throws Exception {
        Run bad = certs("init", "--out", empty.toString(), "--password", "pw", "--party", "ok", "--party", "not/ok");

        assertEquals(PkiSubcommand.BAD_INPUT, bad.exitCode);
        assertTrue(bad.err.contains("not/ok"), bad.err);
        assertEquals(Set.of(), TestFiles.names(empty));
    }

    @Test
    @Order(10)
    void missingOptionOrSubcommandIsAUsageError() {
        assertEquals(2, certs("revoke", "--ca", pki.toString()).exitCode);
        assertEquals(2, certs().exitCode);
        assertEquals(2, certs("frobnicate").exitCode);
    }

    private static List<String> hostNames(X509Certificate certificate) {
        try {
            return certificate.getSubjectAlternativeNames().stream().map(name -> name.get(1).toString()).toList();
        } catch (java.security.cert.CertificateParsingException e) {
            throw new AssertionError(e);
        }
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run certs(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = new CommandLine(new CertsCommand())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }
}
