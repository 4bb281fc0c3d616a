package org.imigateway.certificates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartyKitTest {

    private static final char[] PASSWORD = "kit-password".toCharArray();

    private static PartyKit kit;

    @BeforeAll
    static void issueKit() {
        kit = PartyKit.issue(SharedTestCa.ca(), "gateway-b", List.of("localhost", "127.0.0.1"));
    }

    @Test
    void eachPurposeHasItsOwnKeyAndCertificate() {
        List<IssuedCertificate> all = List.of(kit.signing(), kit.encryption(), kit.tlsServer(), kit.tlsClient());

        assertEquals(4, all.stream().map(issued -> issued.certificate().getPublicKey()).distinct().count());
        assertTrue(all.stream().allMatch(issued ->
                issued.certificate().getSubjectX500Principal().getName().equals("CN=gateway-b,O=IMI Gateway")));
        assertTrue(kit.signing().certificate().getKeyUsage()[1], "signing has nonRepudiation");
        assertTrue(kit.encryption().certificate().getKeyUsage()[2], "encryption has keyEncipherment");
    }

    @Test
    void keyStoreHasTheFourAliasesAndThoseOfEachAs4TwoProfile() throws Exception {
        KeyStore store = kit.keyStore(PASSWORD);

        assertEquals(Set.of("signing", "encryption", "tls-server", "tls-client", "signing-eddsa", "encryption-x25519",
                "signing-ecdsa", "encryption-ecdh"), Set.copyOf(Collections.list(store.aliases())));
        assertEquals(kit.tlsServer().privateKey(), store.getKey("tls-server", PASSWORD));
    }

    @Test
    void writtenKitHasAKeyStoreAndCertificateFilesWithoutKeys(@TempDir Path dir) throws Exception {
        kit.writeTo(dir, PASSWORD);

        assertEquals(Set.of("gateway-b.p12", "gateway-b-signing.pem", "gateway-b-encryption.pem", "gateway-b-tls.pem",
                "gateway-b-signing-eddsa.pem", "gateway-b-encryption-x25519.pem", "gateway-b-signing-ecdsa.pem",
                "gateway-b-encryption-ecdh.pem"), TestFiles.names(dir));
        assertEquals(kit.signing().certificate(), Stores.readCertificate(dir.resolve("gateway-b-signing.pem")));
        assertEquals(kit.encryption().certificate(), Stores.readCertificate(dir.resolve("gateway-b-encryption.pem")));
        assertEquals(List.of(kit.tlsServer().certificate(), kit.tlsClient().certificate()),
                Stores.readCertificates(dir.resolve("gateway-b-tls.pem")));
        for (String pem : List.of("gateway-b-signing.pem", "gateway-b-encryption.pem", "gateway-b-tls.pem")) {
            assertFalse(Files.readString(dir.resolve(pem)).contains("PRIVATE KEY"), pem + " must not hold a key");
        }
    }

    @Test
    void writtenKitReadsBackWithTheSameKeysAndChains(@TempDir Path dir) {
        kit.writeTo(dir, PASSWORD);

        PartyKit read = PartyKit.read(dir, "gateway-b", PASSWORD);

        assertEquals(kit.signing(), read.signing());
        assertEquals(kit.encryption(), read.encryption());
        assertEquals(kit.tlsServer(), read.tlsServer());
        assertEquals(kit.tlsClient(), read.tlsClient());
    }

    @Test
    void partyNameThatWouldLeaveTheDirectoryIsRefused() {
        PkiException error = assertThrows(PkiException.class,
                () -> PartyKit.issue(SharedTestCa.ca(), "../evil", List.of()));

        assertTrue(error.getMessage().contains("../evil"), error.getMessage());
    }
}
