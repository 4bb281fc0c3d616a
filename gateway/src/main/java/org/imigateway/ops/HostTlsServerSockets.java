package org.imigateway.ops;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.rmi.server.RMIServerSocketFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;

/**
 * TLS server sockets bound to one address ({@code jmx.host}). The JDK's
 * {@code SslRMIServerSocketFactory} binds every interface, so a {@code jmx.host} of 127.0.0.1
 * still let the network reach the JMX ports.
 */
final class HostTlsServerSockets implements RMIServerSocketFactory {

    private static final int BACKLOG = 50;

    private final SSLContext tls;
    private final SSLParameters parameters;
    private final InetAddress host;
    private final List<ServerSocket> created = new CopyOnWriteArrayList<>();

    HostTlsServerSockets(SSLContext tls, SSLParameters parameters, InetAddress host) {
        this.tls = tls;
        this.parameters = parameters;
        this.host = host;
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        SSLServerSocket socket = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(port, BACKLOG, host);
        socket.setSSLParameters(parameters);
        created.add(socket);
        return socket;
    }

    /** Where the sockets made and still open listen, read back from the sockets themselves. */
    List<InetSocketAddress> bound() {
        return created.stream().filter(socket -> !socket.isClosed())
                .map(socket -> (InetSocketAddress) socket.getLocalSocketAddress()).toList();
    }

    // RMI shares a listening socket between objects exported with equal factories on one port.
    @Override
    public boolean equals(Object other) {
        return other instanceof HostTlsServerSockets sockets && tls == sockets.tls && host.equals(sockets.host);
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(tls) * 31 + host.hashCode();
    }
}
