package org.imigateway.discovery;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dynamic discovery, front to back: the SMP from the SML (or the fixed one), the signed answer
 * from the SMP, the endpoint from the answer; answers cached for {@code discovery.cache.maxAge}
 * or until the endpoint or its certificate expires, whichever is first. When a refresh fails on
 * the way (SMP down, unreadable or badly signed answer) the last good answer is used until its
 * own expiry; an answer the network gives (not registered, no endpoint, untrusted certificate)
 * replaces it at once.
 */
public final class Discovery {

    private static final Logger LOG = LoggerFactory.getLogger(Discovery.class);

    /** Faults of the path to the answer, not statements about the participant. */
    private static final Set<DiscoveryException.Cause> TRANSIENT = Set.of(DiscoveryException.Cause.UNREACHABLE,
            DiscoveryException.Cause.BAD_SIGNATURE, DiscoveryException.Cause.BAD_ANSWER);

    private final SmpLocator locator;
    private final SmpClient smp;
    private final Duration maxAge;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final Map<Key, Cached> cache = new ConcurrentHashMap<>();

    public Discovery(SmpLocator locator, SmpClient smp, Duration maxAge, Clock clock, MeterRegistry metrics) {
        this.locator = locator;
        this.smp = smp;
        this.maxAge = maxAge;
        this.clock = clock;
        this.metrics = metrics == null ? new SimpleMeterRegistry() : metrics;
    }

    private record Key(String participant, Endpoint.DocumentType documentType, Endpoint.Process process) {
    }

    /** A good answer, when it was fetched, when it must be asked again, and when it is dead. */
    private record Cached(Endpoint endpoint, Instant fetched, Instant refreshAt, Instant expires) {
    }

    /** How a lookup was answered, for the {@code discover} command and the log. */
    public record Answer(Endpoint endpoint, String source, Instant expires) {
    }

    public Endpoint endpoint(ParticipantId participant, Endpoint.DocumentType documentType, Endpoint.Process process)
            throws DiscoveryException {
        return lookup(participant, documentType, process).endpoint();
    }

    public Answer lookup(ParticipantId participant, Endpoint.DocumentType documentType, Endpoint.Process process)
            throws DiscoveryException {
        Key key = new Key(participant.scheme().toLowerCase(java.util.Locale.ROOT) + "::" + participant.canonicalValue(),
                documentType, process);
        Instant now = clock.instant();
        Cached cached = cache.get(key);
        if (cached != null && now.isBefore(cached.refreshAt()) && now.isBefore(cached.expires())) {
            count("cached");
            return new Answer(cached.endpoint(), "cache (fetched " + cached.fetched() + ")", cached.expires());
        }
        try {
            URI smpUrl = locator.locate(participant);
            Endpoint endpoint = smp.endpoint(smpUrl, participant, documentType, process, now);
            Instant expires = hardExpiry(endpoint);
            cache.put(key, new Cached(endpoint, now, now.plus(maxAge), expires));
            count("fetched");
            LOG.info("discovery: {} {} {} -> {} ({}) from SMP {}, certificate {}", participant, documentType, process,
                    endpoint.address(), endpoint.transportProfile(), smpUrl,
                    endpoint.certificate().getSubjectX500Principal().getName());
            return new Answer(endpoint, "SMP " + smpUrl, expires);
        } catch (DiscoveryException e) {
            if (cached != null && TRANSIENT.contains(e.cause()) && now.isBefore(cached.expires())) {
                count("stale");
                LOG.warn("discovery: refresh for {} failed ({}); using the answer fetched {} until {}", participant,
                        e.getMessage(), cached.fetched(), cached.expires());
                return new Answer(cached.endpoint(), "last good answer (fetched " + cached.fetched() + "; refresh failed: "
                        + e.getMessage() + ")", cached.expires());
            }
            cache.remove(key);
            count(e.cause().name().toLowerCase(java.util.Locale.ROOT));
            LOG.warn("discovery: {} {} {} failed: {}", participant, documentType, process, e.getMessage());
            throw e;
        }
    }

    private static Instant hardExpiry(Endpoint endpoint) {
        Instant certificateEnd = endpoint.certificate().getNotAfter().toInstant();
        Optional<Instant> endpointEnd = endpoint.expiration();
        return endpointEnd.filter(e -> e.isBefore(certificateEnd)).orElse(certificateEnd);
    }

    private void count(String outcome) {
        metrics.counter("imi.discovery.lookups", "outcome", outcome).increment();
    }
}
