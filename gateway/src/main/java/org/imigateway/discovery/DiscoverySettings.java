package org.imigateway.discovery;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import org.imigateway.config.ConfigException;

/**
 * The {@code discovery.*} settings of {@code gateway.properties}. Discovery is off unless the home
 * names either an SML zone ({@code discovery.sml.zone}, looked up in DNS) or one fixed SMP
 * ({@code discovery.smp.url}); naming both is refused, as it would leave open which one is used.
 */
public record DiscoverySettings(
        Optional<String> smlZone,
        Optional<URI> fixedSmp,
        Optional<InetSocketAddress> dnsServer,
        Duration timeout,
        Duration cacheMaxAge,
        Optional<Path> smpTrustStore,
        char[] smpTrustPassword,
        List<String> transportProfiles,
        SmpVersion smpVersion) {

    public static final String SML_ZONE = "discovery.sml.zone";
    public static final String SMP_URL = "discovery.smp.url";
    public static final String DNS_SERVER = "discovery.dns.server";
    public static final String TIMEOUT = "discovery.timeoutSeconds";
    public static final String CACHE_MAX_AGE = "discovery.cache.maxAgeSeconds";
    public static final String SMP_TRUSTSTORE = "discovery.smp.truststore";
    public static final String SMP_TRUSTSTORE_PASSWORD = "discovery.smp.truststore.password";
    public static final String TRANSPORT_PROFILES = "discovery.transportProfiles";
    public static final String SMP_VERSION = "discovery.smp.version";

    /** The eDelivery AS4 transport profile identifier an SMP publishes for AS4 endpoints. */
    public static final List<String> DEFAULT_TRANSPORT_PROFILES = List.of("bdxr-transport-ebms3-as4-v1p0");

    /** Domibus keeps lookups an hour; so do we unless the SMP says less. */
    static final Duration DEFAULT_CACHE_MAX_AGE = Duration.ofHours(1);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public boolean enabled() {
        return smlZone.isPresent() || fixedSmp.isPresent();
    }

    /** The locator these settings describe; only called when {@link #enabled()}. */
    public SmpLocator locator() {
        return fixedSmp.<SmpLocator>map(SmpLocator::fixed)
                .orElseGet(() -> new BdxlLocator(smlZone.orElseThrow(), dnsServer, timeout));
    }

    public static DiscoverySettings read(Path file, Properties p) throws ConfigException {
        List<String> problems = new ArrayList<>();
        Optional<String> zone = text(p, SML_ZONE);
        zone.ifPresent(z -> {
            if (!z.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?\\.?")) {
                problems.add(file + ": " + SML_ZONE + "=" + z + " is not a DNS zone name (e.g. edelivery.tech.ec.europa.eu)");
            }
        });
        Optional<URI> smp = text(p, SMP_URL).flatMap(s -> url(file, s, problems));
        if (zone.isPresent() && smp.isPresent()) {
            problems.add(file + ": set either " + SML_ZONE + " (look the SMP up in DNS) or " + SMP_URL
                    + " (one fixed SMP), not both");
        }
        Optional<InetSocketAddress> dns = text(p, DNS_SERVER).flatMap(s -> hostPort(file, s, problems));
        Duration timeout = seconds(file, p, TIMEOUT, DEFAULT_TIMEOUT, problems);
        Duration maxAge = seconds(file, p, CACHE_MAX_AGE, DEFAULT_CACHE_MAX_AGE, problems);
        Path home = file.toAbsolutePath().getParent().getParent();
        Optional<Path> trustStore = text(p, SMP_TRUSTSTORE).map(home::resolve);
        char[] trustPassword = text(p, SMP_TRUSTSTORE_PASSWORD).orElse("").toCharArray();
        if ((zone.isPresent() || smp.isPresent()) && trustStore.isEmpty()) {
            // An unsigned or unverified SMP answer would let whoever answers DNS pick our partner's key.
            problems.add(file + ": discovery is on (" + (zone.isPresent() ? SML_ZONE : SMP_URL) + ") but " + SMP_TRUSTSTORE
                    + " is not set: name the PKCS12 trust store holding the SMP's signing anchor");
        }
        trustStore.ifPresent(t -> {
            if (!java.nio.file.Files.isRegularFile(t)) {
                problems.add(file + ": " + SMP_TRUSTSTORE + "=" + t + " does not exist");
            }
        });
        List<String> profiles = text(p, TRANSPORT_PROFILES)
                .map(s -> java.util.Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList())
                .orElse(DEFAULT_TRANSPORT_PROFILES);
        if (profiles.isEmpty()) {
            problems.add(file + ": " + TRANSPORT_PROFILES + " names no transport profile");
        }
        SmpVersion version = SmpVersion.V1;
        try {
            version = text(p, SMP_VERSION).map(SmpVersion::parse).orElse(SmpVersion.V1);
        } catch (IllegalArgumentException e) {
            problems.add(file + ": " + SMP_VERSION + "=" + p.getProperty(SMP_VERSION).trim() + " is not an OASIS SMP version (1.0 or 2.0)");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(String.join("\n", problems));
        }
        return new DiscoverySettings(zone.map(z -> z.endsWith(".") ? z.substring(0, z.length() - 1) : z), smp, dns,
                timeout, maxAge, trustStore, trustPassword, profiles, version);
    }

    private static Optional<String> text(Properties p, String key) {
        return Optional.ofNullable(p.getProperty(key)).map(String::trim).filter(s -> !s.isEmpty());
    }

    private static Optional<URI> url(Path file, String value, List<String> problems) {
        try {
            URI uri = new URI(value);
            if (uri.getHost() != null && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // reported below, with the key
        }
        problems.add(file + ": " + SMP_URL + "=" + value + " is not an http(s) URL");
        return Optional.empty();
    }

    private static Optional<InetSocketAddress> hostPort(Path file, String value, List<String> problems) {
        int colon = value.lastIndexOf(':');
        try {
            String host = colon < 0 ? value : value.substring(0, colon);
            int port = colon < 0 ? 53 : Integer.parseInt(value.substring(colon + 1));
            if (!host.isEmpty() && port > 0 && port < 65536) {
                return Optional.of(new InetSocketAddress(host, port));
            }
        } catch (NumberFormatException e) {
            // reported below, with the key
        }
        problems.add(file + ": " + DNS_SERVER + "=" + value + " is not host[:port] (e.g. 127.0.0.1:5353)");
        return Optional.empty();
    }

    private static Duration seconds(Path file, Properties p, String key, Duration fallback, List<String> problems) {
        Optional<String> value = text(p, key);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            long s = Long.parseLong(value.get());
            if (s > 0) {
                return Duration.ofSeconds(s);
            }
        } catch (NumberFormatException e) {
            // reported below, with the key
        }
        problems.add(file + ": " + key + "=" + value.get() + " is not a positive number of seconds");
        return fallback;
    }
}
