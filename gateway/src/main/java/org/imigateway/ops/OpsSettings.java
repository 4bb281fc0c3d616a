package org.imigateway.ops;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

import org.imigateway.config.ConfigException;
import org.imigateway.config.GatewayConfig;

/**
 * The operations part of {@code gateway.properties}; every key is optional and off by default.
 * <pre>
 *   admin.port=9090          /metrics and /health, on loopback only (-1: off)
 *   jmx.host=127.0.0.1       where remote JMX listens
 *   jmx.port=9099            remote JMX over TLS (-1: off; the platform MBean server is always there)
 *   jmx.user=operator
 *   jmx.password=...         required when jmx.port is set
 * </pre>
 */
public record OpsSettings(int adminPort, String jmxHost, int jmxPort, String jmxUser, Optional<char[]> jmxPassword) {

    public static OpsSettings load(Path home) throws ConfigException {
        Path file = home.resolve(GatewayConfig.FILE);
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read: " + e.getMessage(), e);
        }
        int adminPort = port(properties, "admin.port", file);
        int jmxPort = port(properties, "jmx.port", file);
        Optional<char[]> password = Optional.ofNullable(properties.getProperty("jmx.password"))
                .filter(p -> !p.isBlank()).map(String::toCharArray);
        if (jmxPort >= 0 && password.isEmpty()) {
            throw new ConfigException(file + ": jmx.port is set, so jmx.password must be too");
        }
        return new OpsSettings(adminPort, properties.getProperty("jmx.host", "127.0.0.1").trim(), jmxPort,
                properties.getProperty("jmx.user", "operator").trim(), password);
    }

    private static int port(Properties properties, String key, Path file) throws ConfigException {
        String value = properties.getProperty(key, "-1").trim();
        try {
            int port = Integer.parseInt(value);
            if (port < -1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new ConfigException(file + ": " + key + "=" + value + " is not a port (0-65535, or -1 for off)");
        }
    }
}
