package org.imigateway.ops;

import java.io.IOException;
import java.io.Serializable;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.rmi.server.RMIClientSocketFactory;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

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
        this.pinned = PinnedTrust.encoded(gatewayCertificate);
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

    private SSLContext context() throws IOException {
        try {
            return new PinnedTrust(pinned, "the JMX server").context();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS for JMX: " + e.getMessage(), e);
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
