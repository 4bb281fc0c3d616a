package org.imigateway.ops;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.net.Socket;
import java.rmi.server.RMIClientSocketFactory;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The client side of remote JMX: TLS sockets that trust only the given certificates (the
 * gateway's CA), not the JVM's default trust store. It travels inside the JMX stubs, so it
 * carries the certificates themselves (public data), encoded, and builds its context on use.
 */
public final class TlsClientSockets implements RMIClientSocketFactory, Serializable {

    private static final long serialVersionUID = 1L;

    private final byte[][] anchors;

    public TlsClientSockets(List<X509Certificate> anchors) {
        this.anchors = anchors.stream().map(TlsClientSockets::encoded).toArray(byte[][]::new);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        try {
            SSLSocket socket = (SSLSocket) context().getSocketFactory().createSocket(host, port);
            javax.net.ssl.SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            return socket;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS for JMX: " + e.getMessage(), e);
        }
    }

    private SSLContext context() throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        for (int i = 0; i < anchors.length; i++) {
            trust.setCertificateEntry("anchor-" + i, factory.generateCertificate(new ByteArrayInputStream(anchors[i])));
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers.getTrustManagers(), new SecureRandom());
        return context;
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateException e) {
            throw new IllegalArgumentException("a trust anchor cannot be encoded: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TlsClientSockets sockets && Arrays.deepEquals(anchors, sockets.anchors);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(anchors);
    }
}
