package org.imigateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

import org.imigateway.connectors.admission.AdmissionSettings;

/**
 * The admission rules of every port the gateway listens on, from {@code gateway.properties}:
 * {@code admission.<port>.<rule>} with port one of {@code as4}, {@code public}, {@code admin},
 * {@code backend} (each web service backend), {@code translation} (the callback listener),
 * {@code submit} (the operators' submission endpoint). Every
 * rule has a safe default (see {@link Port} and docs/hardening.md); a value can be changed,
 * never switched off.
 */
public record AdmissionConfig(AdmissionSettings as4, AdmissionSettings publicInterface, AdmissionSettings admin,
        AdmissionSettings backend, AdmissionSettings translation, AdmissionSettings submit) {

    private static final long GIB = 1024L * 1024 * 1024;
    private static final long MIB = 1024L * 1024;

    /** The ports and their default capacity; the timeouts and the rate are the same for all. */
    public enum Port {
        AS4(AdmissionSettings.of(64, 512, 32, 48, 8, 4 * GIB)),
        PUBLIC(AdmissionSettings.of(32, 256, 16, 24, 8, 64 * MIB)),
        ADMIN(AdmissionSettings.of(8, 16, 8, 4, 4, MIB)),
        BACKEND(AdmissionSettings.of(16, 128, 32, 12, 12, 4 * GIB)),
        TRANSLATION(AdmissionSettings.of(16, 64, 16, 12, 12, 16 * MIB)),
        SUBMIT(AdmissionSettings.of(8, 32, 8, 4, 4, GIB));

        private final AdmissionSettings defaults;

        Port(AdmissionSettings defaults) {
            this.defaults = defaults;
        }

        public AdmissionSettings defaults() {
            return defaults;
        }

        public String prefix() {
            return "admission." + name().toLowerCase(Locale.ROOT) + ".";
        }
    }

    public static AdmissionConfig defaults() {
        return new AdmissionConfig(Port.AS4.defaults(), Port.PUBLIC.defaults(), Port.ADMIN.defaults(),
                Port.BACKEND.defaults(), Port.TRANSLATION.defaults(), Port.SUBMIT.defaults());
    }

    public static AdmissionConfig load(Path home) throws ConfigException {
        Properties p = GatewayConfig.properties(home);
        String file = home.resolve(GatewayConfig.FILE).toString();
        return new AdmissionConfig(port(p, Port.AS4, file), port(p, Port.PUBLIC, file), port(p, Port.ADMIN, file),
                port(p, Port.BACKEND, file), port(p, Port.TRANSLATION, file), port(p, Port.SUBMIT, file));
    }

    /** One port's rules: the defaults, with what the file changes. */
    public static AdmissionSettings port(Properties p, Port port, String file) throws ConfigException {
        AdmissionSettings d = port.defaults();
        String k = port.prefix();
        int threads = (int) number(p, k + "threads", d.threads(), 4, 1024, file);
        int maxRequests = (int) number(p, k + "maxRequests", d.maxRequests(), 1, 1_000_000, file);
        try {
            return new AdmissionSettings(threads,
                    (int) number(p, k + "maxConnections", d.maxConnections(), 1, 1_000_000, file),
                    (int) number(p, k + "maxConnectionsPerClient", d.maxConnectionsPerClient(), 1, 1_000_000, file),
                    maxRequests,
                    (int) number(p, k + "maxRequestsPerClient", d.maxRequestsPerClient(), 1, 1_000_000, file),
                    number(p, k + "maxRequestBytes", d.maxRequestBytes(), 1, Long.MAX_VALUE, file),
                    seconds(p, k + "idleTimeoutSeconds", d.idleTimeout(), file),
                    seconds(p, k + "headerTimeoutSeconds", d.headerTimeout(), file),
                    number(p, k + "minRequestBytesPerSecond", d.minRequestBytesPerSecond(), 1, Long.MAX_VALUE, file),
                    seconds(p, k + "minRateGraceSeconds", d.minRateGrace(), file),
                    seconds(p, k + "retryAfterSeconds", d.retryAfter(), file));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file + ": " + k + "maxRequests=" + maxRequests + " with " + k + "threads="
                    + threads + ": " + e.getMessage());
        }
    }

    private static Duration seconds(Properties p, String key, Duration fallback, String file) throws ConfigException {
        return Duration.ofSeconds(number(p, key, fallback.toSeconds(), 1, 86_400, file));
    }

    private static long number(Properties p, String key, long fallback, long min, long max, String file)
            throws ConfigException {
        String value = p.getProperty(key, Long.toString(fallback)).trim();
        try {
            long number = Long.parseLong(value);
            if (number < min || number > max) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new ConfigException(file + ": " + key + "=" + value + " is not a whole number from " + min + " to " + max);
        }
    }
}
