package org.imigateway.ops;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.imigateway.config.ConfigException;
import org.imigateway.config.GatewayConfig;

/**
 * The submission endpoint's part of {@code gateway.properties}; off unless {@code submit.port} is set.
 * <pre>
 *   submit.port=9443                 HTTPS, the gateway's TLS server key (-1: off)
 *   submit.host=127.0.0.1            the one address it listens on (default: loopback)
 *   submit.token.alice=&lt;sha256&gt;     an operator and the SHA-256 (hex) of her token; at least one
 *   submit.maxBytes=268435456        largest request body (payloads and fields), default 256 MiB
 * </pre>
 */
public record SubmitSettings(int port, String host, Map<String, byte[]> tokenHashes, long maxBytes) {

    public static final String TOKEN_PREFIX = "submit.token.";
    static final long DEFAULT_MAX_BYTES = 256L * 1024 * 1024;

    public SubmitSettings {
        tokenHashes = Map.copyOf(tokenHashes);
    }

    public boolean enabled() {
        return port >= 0;
    }

    public static SubmitSettings load(Path home) throws ConfigException {
        Properties p = GatewayConfig.properties(home);
        String file = home.resolve(GatewayConfig.FILE).toString();
        String portValue = p.getProperty("submit.port", "-1").trim();
        int port;
        try {
            port = Integer.parseInt(portValue);
            if (port < -1 || port > 65535) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new ConfigException(file + ": submit.port=" + portValue + " is not a port (0-65535, or -1 for off)");
        }
        String host = p.getProperty("submit.host", "127.0.0.1").trim();
        Map<String, byte[]> tokens = new LinkedHashMap<>();
        for (String key : p.stringPropertyNames().stream().sorted().toList()) {
            if (key.startsWith(TOKEN_PREFIX)) {
                tokens.put(operator(key, file), sha256(key, p.getProperty(key).trim(), file));
            }
        }
        String maxValue = p.getProperty("submit.maxBytes", Long.toString(DEFAULT_MAX_BYTES)).trim();
        long maxBytes;
        try {
            maxBytes = Long.parseLong(maxValue);
            if (maxBytes < 1024) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new ConfigException(file + ": submit.maxBytes=" + maxValue + " is not a whole number of bytes, 1024 or more");
        }
        if (port >= 0) {
            if (tokens.isEmpty()) {
                throw new ConfigException(file + ": submit.port is set, so at least one " + TOKEN_PREFIX
                        + "<operator>=<SHA-256 of the token> must be too (`imi-gateway token --operator NAME` makes one)");
            }
            try {
                InetAddress.getByName(host);
            } catch (UnknownHostException e) {
                throw new ConfigException(file + ": submit.host=" + host + " is not a known address", e);
            }
        }
        return new SubmitSettings(port, host, tokens, maxBytes);
    }

    private static String operator(String key, String file) throws ConfigException {
        String name = key.substring(TOKEN_PREFIX.length());
        if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new ConfigException(file + ": " + key + " names operator '" + name
                    + "'; use 1 to 64 letters, digits, '.', '_' or '-'");
        }
        return name;
    }

    private static byte[] sha256(String key, String value, String file) throws ConfigException {
        if (!value.matches("[0-9a-fA-F]{64}")) {
            throw new ConfigException(file + ": " + key + " must be the SHA-256 of the token in hex (64 characters),"
                    + " not the token itself nor anything else (" + value.length() + " characters given)");
        }
        return HexFormat.of().parseHex(value);
    }
}
