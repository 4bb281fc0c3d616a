package org.imigateway.connectors.admission;

import java.time.Duration;
import java.util.Objects;

/**
 * The admission rules of one listening port: how many connections and requests it takes in,
 * from all clients and from one client (one remote address), and how fast a client must send.
 * Every value is a limit; there is no value that switches a rule off.
 *
 * @param threads                  worker threads of the port; requests in progress each hold one
 * @param maxConnections           open connections on the port; above it the port stops accepting
 *                                 until one closes (Jetty's {@code ConnectionLimit})
 * @param maxConnectionsPerClient  open connections from one remote address; one more is closed at once
 * @param maxRequests              requests in progress; one more is answered 503 with Retry-After at once;
 *                                 fewer than {@code threads}, so that Jetty's selector and acceptor keep theirs
 * @param maxRequestsPerClient     requests in progress from one remote address; one more is answered 503
 * @param maxRequestBytes          announced Content-Length summed over the large requests in progress
 *                                 (those announcing more than {@code maxRequestBytes / maxRequests});
 *                                 one that would go over it is answered 503. Smaller requests are bounded
 *                                 by the count alone, so clients announcing gigabytes they never send
 *                                 cannot keep ordinary messages out; one request larger than the whole
 *                                 budget is taken when no other large one is in progress, so that its
 *                                 size is judged by the endpoint's own limit, not refused forever
 * @param idleTimeout              a connection on which nothing moves for this long is closed
 * @param headerTimeout            the request line and headers must be complete this long after the
 *                                 connection opened or the previous request ended (trickled headers)
 * @param minRequestBytesPerSecond the body must arrive at least this fast, measured over the time the
 *                                 gateway waited for it (not over the time it spent working)
 * @param minRateGrace             waiting time a body gets before the rate is judged (slow starts)
 * @param retryAfter               the Retry-After of a 503
 */
public record AdmissionSettings(int threads, int maxConnections, int maxConnectionsPerClient, int maxRequests,
        int maxRequestsPerClient, long maxRequestBytes, Duration idleTimeout, Duration headerTimeout,
        long minRequestBytesPerSecond, Duration minRateGrace, Duration retryAfter) {

    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration HEADER_TIMEOUT = Duration.ofSeconds(10);
    public static final long MIN_REQUEST_BYTES_PER_SECOND = 1024;
    public static final Duration MIN_RATE_GRACE = Duration.ofSeconds(5);
    public static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    public AdmissionSettings {
        positive(threads, "threads");
        positive(maxConnections, "maxConnections");
        positive(maxConnectionsPerClient, "maxConnectionsPerClient");
        positive(maxRequests, "maxRequests");
        positive(maxRequestsPerClient, "maxRequestsPerClient");
        positive(maxRequestBytes, "maxRequestBytes");
        positive(minRequestBytesPerSecond, "minRequestBytesPerSecond");
        if (maxRequests > threads - 2) {
            throw new IllegalArgumentException("maxRequests=" + maxRequests + " must be at most threads - 2 = "
                    + (threads - 2) + ": Jetty's acceptor and selector need threads of their own");
        }
        for (Duration d : new Duration[] {idleTimeout, headerTimeout, minRateGrace, retryAfter}) {
            Objects.requireNonNull(d, "a duration");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("durations must be positive, not " + d);
            }
        }
    }

    /** The timeouts and the rate every port shares, with the port's own capacity. */
    public static AdmissionSettings of(int threads, int maxConnections, int maxConnectionsPerClient, int maxRequests,
            int maxRequestsPerClient, long maxRequestBytes) {
        return new AdmissionSettings(threads, maxConnections, maxConnectionsPerClient, maxRequests, maxRequestsPerClient,
                maxRequestBytes, IDLE_TIMEOUT, HEADER_TIMEOUT, MIN_REQUEST_BYTES_PER_SECOND, MIN_RATE_GRACE,
                RETRY_AFTER);
    }

    private static void positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
    }
}
