package org.imigateway.connectors.admission;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection rules of a port, which Jetty 12.0 does not have: at most so many open
 * connections per remote address, and the request line and headers complete within the header
 * timeout. A client that trickles its headers never trips the idle timeout (every byte resets
 * it) and, until its headers are complete, is invisible to any handler; so the guard follows each
 * connection from its opening: waiting for headers, or in a request.
 */
final class ConnectionGuard implements Connection.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);

    /** One TCP connection, named the same way from its end point and from a request on it. */
    private record Link(SocketAddress remote, SocketAddress local) {
    }

    private static final class Tracked {
        final EndPoint endPoint;
        final Link link;
        final InetAddress client;
        volatile long waitingSince;
        volatile boolean inRequest;

        Tracked(EndPoint endPoint, Link link, InetAddress client, long now) {
            this.endPoint = endPoint;
            this.link = link;
            this.client = client;
            this.waitingSince = now;
        }
    }

    private final AdmissionSettings settings;
    private final Map<InetAddress, Integer> perClient = new ConcurrentHashMap<>();
    /** By the address pair, which is what a request knows of its connection. */
    private final Map<Link, Tracked> open = new ConcurrentHashMap<>();
    /**
     * By the end point itself: once its channel is closed, an end point no longer tells its remote
     * address, so a close could not be matched by the address pair and the client's count leaked.
     */
    private final Map<EndPoint, Tracked> byEndPoint = new ConcurrentHashMap<>();

    ConnectionGuard(AdmissionSettings settings) {
        this.settings = settings;
    }

    @Override
    public void onOpened(Connection connection) {
        EndPoint endPoint = connection.getEndPoint();
        // Over TLS the decrypted HTTP connection opens too, on the same socket: count the socket once.
        if (!(endPoint instanceof SocketChannelEndPoint) || !(endPoint.getRemoteSocketAddress() instanceof InetSocketAddress remote)) {
            return;
        }
        InetAddress client = remote.getAddress();
        int count = perClient.merge(client, 1, Integer::sum);
        if (count > settings.maxConnectionsPerClient()) {
            perClient.computeIfPresent(client, (c, n) -> n > 1 ? n - 1 : null);
            LOG.debug("connection from {} closed: it already has {} open", client, settings.maxConnectionsPerClient());
            hangUp(endPoint);
            return;
        }
        Link link = new Link(remote, endPoint.getLocalSocketAddress());
        Tracked tracked = new Tracked(endPoint, link, client, System.nanoTime());
        byEndPoint.put(endPoint, tracked);
        open.put(link, tracked);
    }

    @Override
    public void onClosed(Connection connection) {
        EndPoint endPoint = connection.getEndPoint();
        if (!(endPoint instanceof SocketChannelEndPoint)) {
            return;
        }
        Tracked tracked = byEndPoint.remove(endPoint);
        if (tracked != null) {
            open.remove(tracked.link, tracked);
            perClient.computeIfPresent(tracked.client, (c, n) -> n > 1 ? n - 1 : null);
        }
    }

    /** Its headers are complete: from now on the request rules apply, not the header timeout. */
    void requestBegins(Request request) {
        tracked(request).ifPresent(t -> t.inRequest = true);
    }

    /** Answered: the next request's headers are awaited from now. */
    void requestEnds(Request request) {
        tracked(request).ifPresent(t -> {
            t.waitingSince = System.nanoTime();
            t.inRequest = false;
        });
    }

    /** Closes the connection of a request that broke a rule; its reader wakes with a failure. */
    void cut(Request request) {
        tracked(request).ifPresent(t -> hangUp(t.endPoint));
    }

    /** Closes the connections that have waited too long for a request's headers. */
    void sweep(long now) {
        long limit = settings.headerTimeout().toNanos();
        for (Tracked t : open.values()) {
            if (!t.inRequest && now - t.waitingSince > limit) {
                LOG.debug("connection from {} closed: no complete request headers within {}", t.client,
                        settings.headerTimeout());
                hangUp(t.endPoint);
            }
        }
    }

    /**
     * Closes at once: the FIN is sent now, where a bare close of a channel still registered with
     * the selector can wait for the selector's next wake-up.
     */
    private static void hangUp(EndPoint endPoint) {
        endPoint.shutdownOutput();
        endPoint.close();
    }

    private Optional<Tracked> tracked(Request request) {
        return Optional.ofNullable(open.get(new Link(request.getConnectionMetaData().getRemoteSocketAddress(),
                request.getConnectionMetaData().getLocalSocketAddress())));
    }
}
