package org.imigateway.cooperation.publicapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import org.imigateway.certificates.CertificateAuthority;
import org.junit.jupiter.api.Test;

class ClientAuthenticationTest {

    private static final CertificateAuthority CA = CertificateAuthority.create("Public interface test CA");

    @Test
    void theClientWhoseKeyHashMatchesIsFoundAndAnyOtherKeyFindsNone() {
        ClientAuthentication authentication = new ClientAuthentication(List.of(
                keyClient("portal", "portal-secret-1"), keyClient("acme", "acme-secret-2")));

        assertEquals("acme", authentication.byApiKey("acme-secret-2").orElseThrow().name());
        assertEquals("portal", authentication.byApiKey("portal-secret-1").orElseThrow().name());
        assertTrue(authentication.byApiKey("portal-secret-").isEmpty());
        assertTrue(authentication.byApiKey("").isEmpty());
    }

    @Test
    void aCertificateIsFoundByItsFingerprintOrItsSubjectAndAnotherOneIsNot() throws Exception {
        X509Certificate portal = CA.issueTlsClient("portal").certificate();
        X509Certificate acme = CA.issueTlsClient("acme").certificate();
        X509Certificate stranger = CA.issueTlsClient("stranger").certificate();
        ClientAuthentication authentication = new ClientAuthentication(List.of(
                new PublicClient("by-fingerprint", Optional.empty(), Optional.of(ClientAuthentication.sha256(portal.getEncoded())),
                        Optional.empty()),
                new PublicClient("by-subject", Optional.empty(), Optional.empty(),
                        Optional.of(acme.getSubjectX500Principal().getName()))));

        assertEquals("by-fingerprint", authentication.byCertificate(portal).orElseThrow().name());
        assertEquals("by-subject", authentication.byCertificate(acme).orElseThrow().name());
        assertTrue(authentication.byCertificate(stranger).isEmpty());
    }

    private static PublicClient keyClient(String name, String key) {
        return new PublicClient(name, Optional.of(ClientAuthentication.sha256(key.getBytes(StandardCharsets.UTF_8))),
                Optional.empty(), Optional.empty());
    }
}
