package org.imigateway.certificates;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;

import org.junit.jupiter.api.Test;

class TlsCertificateTest {

    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    private final CertificateAuthority ca = SharedTestCa.ca();

    @Test
    void tlsServerCertificateNamesHostsAsDnsAndIpAddressesAsIp() throws Exception {
        X509Certificate server = ca.issueTlsServer("gateway-a",
                List.of("localhost", "gateway-a.example.org", "127.0.0.1", "::1")).certificate();

        Collection<List<?>> names = server.getSubjectAlternativeNames();

        assertEquals(List.of(
                List.of(DNS_NAME, "localhost"),
                List.of(DNS_NAME, "gateway-a.example.org"),
                List.of(IP_ADDRESS, "127.0.0.1"),
                List.of(IP_ADDRESS, "0:0:0:0:0:0:0:1")), List.copyOf(names));
    }

    @Test
    void tlsServerCertificateIsForServerAuthentication() throws Exception {
        X509Certificate server = ca.issueTlsServer("gateway-a", List.of("localhost")).certificate();

        assertEquals(List.of(SERVER_AUTH), server.getExtendedKeyUsage());
        assertArrayEquals(new boolean[] {true, false, true, false, false, false, false, false, false},
                server.getKeyUsage(), "digitalSignature + keyEncipherment");
    }

    @Test
    void tlsClientCertificateIsForClientAuthentication() throws Exception {
        X509Certificate client = ca.issueTlsClient("gateway-a").certificate();

        assertEquals(List.of(CLIENT_AUTH), client.getExtendedKeyUsage());
        assertArrayEquals(new boolean[] {true, false, false, false, false, false, false, false, false},
                client.getKeyUsage(), "digitalSignature only");
        assertNull(client.getSubjectAlternativeNames(), "no host names asked for");
    }

    @Test
    void signingCertificateHasNoExtendedKeyUsage() throws Exception {
        assertNull(ca.issueSigning("gateway-a").certificate().getExtendedKeyUsage());
    }
}
