package org.imigateway.backend;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.imigateway.broker.Queues;
import org.imigateway.config.ConfigException;
import org.imigateway.config.GatewayConfig;
import org.imigateway.route.GatewayRoutes;

/**
 * One configured backend, read from {@code config/gateway.properties}:
 * <pre>
 *   backend.&lt;name&gt;.type=folder|jms|ws
 *   backend.&lt;name&gt;.authorities=urn:authority:x,urn:authority:y   (or * for every authority)
 *   backend.&lt;name&gt;.dir=data/backends/&lt;name&gt;        folder: its root, relative to the home
 *   backend.&lt;name&gt;.pollMillis=500                    folder: how often the outbox is read
 *   backend.&lt;name&gt;.brokerUrl=tcp://host:61616           jms: an external broker (absent: the embedded one)
 *   backend.&lt;name&gt;.user=..., backend.&lt;name&gt;.password=...  jms: external broker credentials; ws: HTTP basic
 * </pre>
 *
 * @param authorities the authority ids (finalRecipient / originalSender) it serves; {@code *} means all
 */
public record BackendSettings(String name, BackendType type, Set<String> authorities, Properties raw, Path home) {

    public static final String PREFIX = "backend.";
    public static final String ALL = "*";

    public BackendSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        authorities = Set.copyOf(authorities);
    }

    /** Every backend of the home, in name order; none when no {@code backend.*} key is set. */
    public static List<BackendSettings> load(Path home) throws ConfigException {
        Properties p = GatewayConfig.properties(home);
        Set<String> names = new TreeSet<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(PREFIX) && key.endsWith(".type")) {
                names.add(key.substring(PREFIX.length(), key.length() - ".type".length()));
            }
        }
        List<BackendSettings> backends = new ArrayList<>();
        for (String name : names) {
            String file = home.resolve(GatewayConfig.FILE) + ": ";
            try {
                Queues.delivery(name);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(file + PREFIX + name + ".type: " + e.getMessage());
            }
            if (name.equals(GatewayRoutes.DEFAULT_BACKEND)) {
                throw new ConfigException(file + PREFIX + name + ".type: '" + name
                        + "' is the built-in backend of unclaimed messages; choose another name");
            }
            BackendType type = BackendType.parse(file + PREFIX + name + ".type", p.getProperty(PREFIX + name + ".type"));
            String list = p.getProperty(PREFIX + name + ".authorities", "").trim();
            if (list.isEmpty()) {
                throw new ConfigException(file + PREFIX + name + ".authorities is required: the authority ids the"
                        + " backend serves, comma-separated, or * for all");
            }
            Set<String> authorities = new LinkedHashSet<>();
            for (String id : list.split(",")) {
                if (!id.isBlank()) {
                    authorities.add(id.trim());
                }
            }
            backends.add(new BackendSettings(name, type, authorities, p, home));
        }
        return backends;
    }

    /** Without the raw settings, which hold passwords. */
    @Override
    public String toString() {
        return "backend " + name + " (" + type + ") for " + authorities;
    }

    public boolean servesAll() {
        return authorities.contains(ALL);
    }

    /** Whether a message for (or from) this authority id belongs to this backend. */
    public boolean serves(String authority) {
        return servesAll() || authorities.contains(authority);
    }

    public Optional<String> setting(String key) {
        String value = raw.getProperty(PREFIX + name + "." + key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** The folder backend's root: {@code dir} relative to the home, default {@code data/backends/<name>}. */
    public Path folder(Path dataDir) {
        return setting("dir").map(home::resolve).orElse(dataDir.resolve("backends").resolve(name));
    }

    public Duration pollInterval() throws ConfigException {
        String value = setting("pollMillis").orElse("500");
        try {
            long millis = Long.parseLong(value);
            if (millis < 10) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis(millis);
        } catch (NumberFormatException e) {
            throw new ConfigException(PREFIX + name + ".pollMillis=" + value + " is not a number of milliseconds >= 10");
        }
    }

    /** Where this backend's received messages end up, for people: its inbox folder, JMS queue or SOAP service. */
    public String destination(Path dataDir) {
        return switch (type) {
            case FOLDER -> folder(dataDir).resolve("inbox").toString();
            case JMS -> "JMS queue " + queue("out") + setting("brokerUrl").map(url -> " at " + url).orElse("");
            case WS -> "the web service on " + setting("host").orElse("127.0.0.1") + ":" + setting("port").orElse("?");
        };
    }

    /**
     * One line saying where received messages go: each backend with its authorities, then the
     * default destination for what no backend claims, left out when a backend serves every authority.
     */
    public static String destinations(List<BackendSettings> backends, Path dataDir, String defaultDestination) {
        List<String> parts = new ArrayList<>();
        for (BackendSettings backend : backends) {
            parts.add((backend.servesAll() ? "every authority's" : "those for " + String.join(", ", new TreeSet<>(backend.authorities())))
                    + " to backend " + backend.name() + " (" + backend.destination(dataDir) + ")");
        }
        if (backends.stream().noneMatch(BackendSettings::servesAll)) {
            parts.add((backends.isEmpty() ? "all" : "the others") + " to " + defaultDestination);
        }
        return "received messages go: " + String.join("; ", parts);
    }

    /** The JMS queue of this backend for one purpose: {@code imi.backend.<name>.in|out|reply|error}. */
    public String queue(String purpose) {
        return "imi.backend." + name + "." + purpose;
    }
}
