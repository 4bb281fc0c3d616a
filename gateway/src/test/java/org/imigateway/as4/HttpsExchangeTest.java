package org.imigateway.as4;

import static org.imigateway.GatewayParts.partsOf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.imigateway.Gateway;
import org.imigateway.TestNetwork;
import org.imigateway.as4.outflow.SendResult;
import org.imigateway.certificates.PkiLayout;
import org.imigateway.certificates.Stores;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpsExchangeTest {

    @TempDir
    static Path dir;
    static TestNetwork network;

    @BeforeAll
    static void start() throws Exception {
        network = TestNetwork.createHttps(dir.resolve("net"), "gw-a", "gw-b");
        network.start("gw-a");
        network.start("gw-b");
    }

    @AfterAll
    static void stop() {
        network.close();
    }

    @Test
    void messagesTravelOverTls() throws Exception {
        Path file = Files.writeString(dir.resolve("note.txt"), "over TLS", StandardCharsets.UTF_8);
        SendResult result = network.gateway("gw-a").send(Submission.to("gw-b")
                .service(DemoNetwork.SERVICE, DemoNetwork.SERVICE_TYPE).action(DemoNetwork.ACTION)
                .payload(Payload.of(file, "text/plain")).build());
        SendResult.Acknowledged ack = assertInstanceOf(SendResult.Acknowledged.class, result, result::toString);
        assertTrue(network.plan().endpoint("gw-b").startsWith("https://"));
        TestNetwork.awaitDelivered(network.gateway("gw-b"), ack.messageId());
    }

    @Test
    void tls12And13AreOfferedButTls11AndTls10AreRefused() throws Exception {
        Gateway b = network.gateway("gw-b");
        assertEquals("TLSv1.3", handshake(partsOf(b).httpsPort(), "TLSv1.3"));
        assertEquals("TLSv1.2", handshake(partsOf(b).httpsPort(), "TLSv1.2"));
        // The JDK client will not even offer TLS 1.0/1.1, so ask with a hand-made ClientHello:
        // the server must answer with an alert, never with a ServerHello.
        assertEquals(ServerAnswer.ALERT, rawClientHello(partsOf(b).httpsPort(), 0x0302));
        assertEquals(ServerAnswer.ALERT, rawClientHello(partsOf(b).httpsPort(), 0x0301));
        assertEquals(ServerAnswer.SERVER_HELLO, rawClientHello(partsOf(b).httpsPort(), 0x0303), "the raw probe must work for TLS 1.2");
    }

    enum ServerAnswer { SERVER_HELLO, ALERT, CLOSED }

    /** Sends a minimal ClientHello for one protocol version and reports what the server answers. */
    private static ServerAnswer rawClientHello(int port, int version) throws Exception {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(version >> 8);
        body.write(version & 0xff);
        body.write(new byte[32]);                       // client random
        body.write(0);                                  // no session id
        int[] suites = {0xC02F, 0xC030, 0xC013, 0xC014, 0x009C, 0x002F, 0x0035};
        body.write(0);
        body.write(suites.length * 2);
        for (int suite : suites) {
            body.write(suite >> 8);
            body.write(suite & 0xff);
        }
        body.write(1);                                  // compression methods: null only
        body.write(0);
        byte[] extensions = {
            0x00, 0x0a, 0x00, 0x04, 0x00, 0x02, 0x00, 0x17,             // supported_groups: secp256r1
            0x00, 0x0b, 0x00, 0x02, 0x01, 0x00,                         // ec_point_formats: uncompressed
            0x00, 0x0d, 0x00, 0x04, 0x00, 0x02, 0x04, 0x01};            // signature_algorithms: rsa_pkcs1_sha256
        body.write(extensions.length >> 8);
        body.write(extensions.length & 0xff);
        body.write(extensions);
        byte[] hello = body.toByteArray();
        java.io.ByteArrayOutputStream record = new java.io.ByteArrayOutputStream();
        record.write(new byte[] {0x16, 0x03, 0x01});
        int handshakeLength = hello.length + 4;
        record.write(handshakeLength >> 8);
        record.write(handshakeLength & 0xff);
        record.write(1);                                // ClientHello
        record.write(0);
        record.write(hello.length >> 8);
        record.write(hello.length & 0xff);
        record.write(hello);
        try (java.net.Socket socket = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(record.toByteArray());
            socket.getOutputStream().flush();
            int type = socket.getInputStream().read();
            return switch (type) {
                case 0x16 -> ServerAnswer.SERVER_HELLO;
                case 0x15 -> ServerAnswer.ALERT;
                default -> ServerAnswer.CLOSED;
            };
        }
    }

    @Test
    void configurationCannotEnableOldTlsVersions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TlsSettings(
                java.util.Optional.empty(), List.of(), List.of(), List.of("TLSv1.1"), List.of()));
        assertTrue(e.getMessage().contains("TLSv1.1"), e.getMessage());
    }

    private static String handshake(int port, String protocol) throws Exception {
        KeyStore trust = Stores.read(PkiLayout.trustStore(network.plan().pki()), "changeit-demo".toCharArray());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port)) {
            // The JDK disables TLS 1.0/1.1 by default; enable them on our side so only the server can refuse.
            socket.setEnabledProtocols(new String[] {protocol});
            socket.startHandshake();
            X509Certificate server = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            assertTrue(server.getSubjectX500Principal().getName().contains("gw-b"));
            return socket.getSession().getProtocol();
        }
    }
}
