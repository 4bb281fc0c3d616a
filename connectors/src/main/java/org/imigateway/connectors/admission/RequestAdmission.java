package org.imigateway.connectors.admission;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request rules of a port: requests and announced bytes in progress are bounded, in all and
 * per client, and answered 503 with Retry-After at once when full (nothing waits in a queue);
 * the body of an admitted request must keep the minimum rate. Handlers here read bodies with a
 * blocking stream in a worker thread, so a trickled body would hold the thread for as long as
 * its announced length takes: the rate is judged over the time spent waiting for the client and
 * the connection is cut when it is too slow, which wakes the reader with a failure.
 */
final class RequestAdmission extends Handler.Wrapper {

    private static final Logger LOG = LoggerFactory.getLogger(RequestAdmission.class);

    private final AdmissionSettings settings;
    private final ConnectionGuard connections;
    private final OverloadAnswer overloadAnswer;
    private final Map<InetAddress, Integer> perClient = new ConcurrentHashMap<>();
    private final Set<MeteredRequest> reading = ConcurrentHashMap.newKeySet();
    private int requests;
    /** Announced bytes of the large requests in progress; see {@link #charge}. */
    private long largeBytes;

    RequestAdmission(AdmissionSettings settings, ConnectionGuard connections, OverloadAnswer overloadAnswer,
            Handler handler) {
        super(handler);
        this.settings = settings;
        this.connections = connections;
        this.overloadAnswer = overloadAnswer;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        connections.requestBegins(request);
        InetAddress client = client(request);
        long charged = charge(request.getLength());
        if (!admit(client, charged)) {
            LOG.debug("request from {} answered 503: the port is full", client);
            refuse(response, new Ended(request, callback));
            return true;
        }
        // The idle timeout is for clients that stop sending or reading: Jetty asks this listener only
        // when no read or write waits, that is while the handler works (checks of a 2 GiB message
        // take minutes after its last byte). The client waits for the answer; nothing is cut then.
        request.addIdleTimeoutListener(timeout -> {
            LOG.debug("request from {} still being handled after an idle period; its connection is kept", client);
            return false;
        });
        MeteredRequest metered = new MeteredRequest(request);
        reading.add(metered);
        Ended release = new Ended(request, callback) {
            @Override
            void onEnd() {
                reading.remove(metered);
                release(client, charged);
            }
        };
        try {
            if (!super.handle(metered, response, release)) {
                Response.writeError(metered, response, release, HttpStatus.NOT_FOUND_404);
            }
            return true;
        } catch (Throwable e) {
            // Jetty fails the request itself; the place is given back here.
            release.end();
            throw e;
        }
    }

    /** Cuts the connections whose bodies arrive slower than the minimum rate. */
    void sweep(long now) {
        for (MeteredRequest metered : reading) {
            if (metered.tooSlow(now)) {
                reading.remove(metered);
                LOG.debug("request from {} cut: its body arrives slower than {} bytes/s", client(metered),
                        settings.minRequestBytesPerSecond());
                connections.cut(metered);
            }
        }
    }

    /**
     * The bytes a request takes from the budget. Each request place carries its share of it
     * ({@code maxRequestBytes / maxRequests}): a request announcing no more is bounded by the
     * request count alone, so that clients announcing gigabytes they never send cannot keep
     * ordinary messages out; a larger one is charged its whole announced length.
     */
    private long charge(long announced) {
        return announced > settings.maxRequestBytes() / settings.maxRequests() ? announced : 0;
    }

    private synchronized boolean admit(InetAddress client, long charged) {
        if (requests >= settings.maxRequests()
                || perClient.getOrDefault(client, 0) >= settings.maxRequestsPerClient()
                // One large request over the whole budget is taken alone: its size is for the endpoint to judge.
                || (charged > 0 && largeBytes > 0 && largeBytes + charged > settings.maxRequestBytes())) {
            return false;
        }
        requests++;
        largeBytes += charged;
        perClient.merge(client, 1, Integer::sum);
        return true;
    }

    private synchronized void release(InetAddress client, long charged) {
        requests--;
        largeBytes -= charged;
        perClient.computeIfPresent(client, (c, n) -> n > 1 ? n - 1 : null);
    }

    private void refuse(Response response, Callback callback) {
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE_503);
        response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(settings.retryAfter().toSeconds()));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, overloadAnswer.contentType());
        // The body is left unread: the connection cannot carry another request after it.
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        response.write(true, ByteBuffer.wrap(overloadAnswer.body(settings.retryAfter())), callback);
    }

    private static InetAddress client(Request request) {
        return request.getConnectionMetaData().getRemoteSocketAddress() instanceof InetSocketAddress remote
                ? remote.getAddress() : InetAddress.getLoopbackAddress();
    }

    /** The callback of a request; tells the guard, once, that the request ended, before Jetty goes on. */
    private class Ended extends Callback.Nested {
        private final Request request;
        private final AtomicBoolean ended = new AtomicBoolean();

        Ended(Request request, Callback callback) {
            super(callback);
            this.request = request;
        }

        void onEnd() {
        }

        void end() {
            if (ended.compareAndSet(false, true)) {
                onEnd();
                connections.requestEnds(request);
            }
        }

        @Override
        public void succeeded() {
            end();
            super.succeeded();
        }

        @Override
        public void failed(Throwable x) {
            end();
            super.failed(x);
        }
    }

    /** Counts the body bytes read and the time spent waiting for them. */
    private final class MeteredRequest extends Request.Wrapper {
        private long bytesRead;
        private long waitedNanos;
        private long waitingSince;
        private boolean complete;

        MeteredRequest(Request request) {
            super(request);
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk chunk = super.read();
            if (chunk != null) {
                synchronized (this) {
                    bytesRead += chunk.remaining();
                    complete |= chunk.isLast();
                }
                if (chunk.isLast()) {
                    reading.remove(this);
                }
            }
            return chunk;
        }

        @Override
        public void demand(Runnable demandCallback) {
            synchronized (this) {
                waitingSince = System.nanoTime();
            }
            super.demand(() -> {
                synchronized (this) {
                    if (waitingSince != 0) {
                        waitedNanos += System.nanoTime() - waitingSince;
                        waitingSince = 0;
                    }
                }
                demandCallback.run();
            });
        }

        synchronized boolean tooSlow(long now) {
            long waited = waitedNanos + (waitingSince != 0 ? now - waitingSince : 0);
            return !complete && waited > settings.minRateGrace().toNanos()
                    && bytesRead * 1_000_000_000.0 / waited < settings.minRequestBytesPerSecond();
        }
    }
}
