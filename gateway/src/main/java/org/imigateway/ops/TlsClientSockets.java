package org.imigateway.ops;

import java.io.IOException;
import java.io.Serializable;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.rmi.server.RMIClientSocketFactory;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The client side of remote JMX: TLS sockets that accept exactly one server certificate, the
 * gateway's own TLS certificate, rather than anything a CA signed (another party's TLS
 * certificate from the same CA would pass a chain check). The handshake is done as the socket
 * is made, so a wrong certificate stops the connection before RMI writes a byte. It travels
 * inside JMX stubs, so it carries the certificate itself (public data), encoded.
 */
public final class TlsClientSockets implements RMIClientSocketFactory, Serializable {

    private static final long serialVersionUID = 2L;
    private static final int CONNECT_MILLIS = 10_000;
    private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private final byte[] pinned;

    public TlsClientSockets(X509Certificate gatewayCertificate) {
        try {
            this.pinned = gatewayCertificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the gateway's TLS certificate cannot be encoded: " + e.getMessage(), e);
        }
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(host, port), CONNECT_MILLIS);
            plain.setSoTimeout(CONNECT_MILLIS);
            SSLSocket socket = (SSLSocket) context().getSocketFactory().createSocket(plain, host, port, true);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setProtocols(PROTOCOLS.toArray(String[]::new));
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            socket.setSoTimeout(0);
            return socket;
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    /** SHA-256 of a certificate, as operators compare them ({@code openssl x509 -fingerprint -sha256}). */
    static String fingerprint(byte[] encoded) {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(encoded));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private SSLContext context() throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new PinnedTrust()}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS for JMX: " + e.getMessage(), e);
        }
    }

    /** Trusts the one pinned certificate; the message says which certificate came instead. */
    private final class PinnedTrust implements X509TrustManager {

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("the JMX server presented no certificate");
            }
            byte[] presented = chain[0].getEncoded();
            if (!MessageDigest.isEqual(pinned, presented)) {
                throw new CertificateException("the JMX server presented " + chain[0].getSubjectX500Principal()
                        + " (SHA-256 " + fingerprint(presented) + "), not the gateway's own TLS certificate (SHA-256 "
                        + fingerprint(pinned) + ")");
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a JMX client socket does not accept clients");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TlsClientSockets sockets && Arrays.equals(pinned, sockets.pinned);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(pinned);
    }
}
