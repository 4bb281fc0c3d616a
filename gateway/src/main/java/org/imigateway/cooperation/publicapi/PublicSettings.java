package org.imigateway.cooperation.publicapi;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

import org.imigateway.config.ConfigException;
import org.imigateway.config.GatewayConfig;

/**
 * The public interface part of {@code gateway.properties} (a hub only; off unless enabled):
 * <pre>
 *   public.enabled=true
 *   public.host=0.0.0.0            where the HTTPS endpoint listens (default: http.host)
 *   public.port=8443               0: any free port
 *   public.maxBytes=2097152        largest document accepted (413 above)
 *   public.ratePerMinute=60        submissions per client and minute (429 above)
 *   public.maxDepth=32             deepest element nesting of a document (400 above)
 *   public.maxElements=50000       most elements in a document (400 above)
 *   public.sender=EU-PUBLIC        originalSender of what the hub sends on
 *   public.clients=portal,acme     the clients; each has an API key hash and/or a certificate
 *   public.client.portal.apiKeySha256=&lt;64 hex digits: SHA-256 of the key, never the key&gt;
 *   public.client.acme.certificateSha256=&lt;64 hex digits: SHA-256 of the DER certificate&gt;
 *   public.client.acme.certificateSubject=CN=acme,O=Acme,C=LV
 * </pre>
 * TLS uses the gateway's own TLS server key; a client certificate must chain to its trust store.
 */
public record PublicSettings(boolean enabled, String host, int port, int maxBytes, int ratePerMinute, String sender,
        List<PublicClient> clients, int maxDepth, int maxElements) {

    public static final int DEFAULT_MAX_BYTES = 2 * 1024 * 1024;

    public PublicSettings {
        clients = List.copyOf(clients);
    }

    public static PublicSettings load(Path home) throws ConfigException {
        Properties p = GatewayConfig.properties(home);
        String file = home.resolve(GatewayConfig.FILE).toString();
        boolean enabled = Boolean.parseBoolean(p.getProperty("public.enabled", "false").trim());
        int port = number(p, "public.port", 8443, 0, 65535, file);
        int maxBytes = number(p, "public.maxBytes", DEFAULT_MAX_BYTES, 1024, 100 * 1024 * 1024, file);
        int rate = number(p, "public.ratePerMinute", 60, 1, 1_000_000, file);
        int maxDepth = number(p, "public.maxDepth", SubmissionCheck.DEFAULT_MAX_DEPTH, 8, 1000, file);
        int maxElements = number(p, "public.maxElements", SubmissionCheck.DEFAULT_MAX_ELEMENTS, 100, 10_000_000, file);
        String sender = p.getProperty("public.sender", "EU-PUBLIC").trim();
        List<PublicClient> clients = new ArrayList<>();
        for (String name : p.getProperty("public.clients", "").split(",")) {
            if (!name.isBlank()) {
                clients.add(client(p, name.trim(), file));
            }
        }
        if (enabled && clients.isEmpty()) {
            throw new ConfigException(file + ": public.enabled=true needs at least one client in public.clients");
        }
        return new PublicSettings(enabled, p.getProperty("public.host", p.getProperty("http.host", "127.0.0.1")).trim(),
                port, maxBytes, rate, sender, clients, maxDepth, maxElements);
    }

    private static PublicClient client(Properties p, String name, String file) throws ConfigException {
        String prefix = "public.client." + name + ".";
        Optional<byte[]> keyHash = hex(p, prefix + "apiKeySha256", file);
        Optional<byte[]> fingerprint = hex(p, prefix + "certificateSha256", file);
        Optional<String> subject = Optional.ofNullable(p.getProperty(prefix + "certificateSubject")).map(String::trim)
                .filter(s -> !s.isEmpty());
        if (subject.isPresent()) {
            try {
                new javax.security.auth.x500.X500Principal(subject.get());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(file + ": " + prefix + "certificateSubject=" + subject.get()
                        + " is not a distinguished name (e.g. CN=portal,O=Ministry,C=LV)");
            }
        }
        if (keyHash.isEmpty() && fingerprint.isEmpty() && subject.isEmpty()) {
            throw new ConfigException(file + ": client '" + name + "' in public.clients has neither " + prefix
                    + "apiKeySha256 nor " + prefix + "certificateSha256 nor " + prefix + "certificateSubject");
        }
        return new PublicClient(name, keyHash, fingerprint, subject);
    }

    private static Optional<byte[]> hex(Properties p, String key, String file) throws ConfigException {
        String value = p.getProperty(key, "").trim().replace(":", "").toLowerCase(Locale.ROOT);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!value.matches("[0-9a-f]{64}")) {
            throw new ConfigException(file + ": " + key + " is not a SHA-256 in hex (64 digits)");
        }
        return Optional.of(HexFormat.of().parseHex(value));
    }

    private static int number(Properties p, String key, int fallback, int min, int max, String file)
            throws ConfigException {
        String value = p.getProperty(key, Integer.toString(fallback)).trim();
        try {
            int number = Integer.parseInt(value);
            if (number < min || number > max) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new ConfigException(file + ": " + key + "=" + value + " is not a number from " + min + " to " + max);
        }
    }
}
