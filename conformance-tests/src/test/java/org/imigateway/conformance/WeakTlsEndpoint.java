package org.imigateway.conformance;

import java.io.IOException;
import java.net.InetAddress;
import java.security.KeyStore;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * For the suite's self-test of the cipher-suite case: a TLS endpoint with the target's TLS key
 * that accepts every suite this JVM can (RSA key exchange and CBC with SHA-1 included), the way a
 * server configured without an allow-list behaves. Handshakes only; no AS4 behind it.
 */
final class WeakTlsEndpoint implements AutoCloseable {

    private final SSLServerSocket server;
    private final Thread acceptor;

    WeakTlsEndpoint(KeyStore keys, char[] password) throws Exception {
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 10, InetAddress.getLoopbackAddress());
        server.setEnabledProtocols(new String[] {"TLSv1.2"});
        server.setEnabledCipherSuites(server.getSupportedCipherSuites());
        acceptor = new Thread(this::accept, "weak-tls-endpoint");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "https://localhost:" + server.getLocalPort() + "/as4";
    }

    private void accept() {
        while (!server.isClosed()) {
            try (SSLSocket socket = (SSLSocket) server.accept()) {
                socket.setSoTimeout(10_000);
                socket.startHandshake();
            } catch (IOException e) {
                // a refused or broken handshake: the suite judges what it saw
            }
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
        acceptor.join(10_000);
    }
}
