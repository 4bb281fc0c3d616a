package org.imigateway.ops;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.UnknownHostException;
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
 *   jmx.host=127.0.0.1       the one address remote JMX listens on (registry and connector)
 *   jmx.port=9099            remote JMX over TLS: its read-only registry (-1: off; the platform MBean server is always there)
 *   jmx.connector.port=0     the JMX connector the registry points to (0: any free port of jmx.host)
 *   jmx.user=operator
 *   jmx.password=...         required when jmx.port is set
 * </pre>
 */
public record OpsSettings(int adminPort, String jmxHost, int jmxPort, int jmxConnectorPort, String jmxUser,
        Optional<char[]> jmxPassword) {

    public static OpsSettings load(Path home) throws ConfigException {
        Path file = home.resolve(GatewayConfig.FILE);
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read: " + e.getMessage(), e);
        }
        int adminPort = port(properties, "admin.port", "-1", file);
        int jmxPort = port(properties, "jmx.port", "-1", file);
        int jmxConnectorPort = port(properties, "jmx.connector.port", "0", file);
        if (jmxConnectorPort < 0) {
            throw new ConfigException(file + ": jmx.connector.port=" + jmxConnectorPort
                    + " is not a port (0-65535; 0: any free port)");
        }
        if (jmxPort > 0 && jmxConnectorPort == jmxPort) {
            throw new ConfigException(file + ": jmx.connector.port=" + jmxConnectorPort
                    + " is the registry's jmx.port; the connector needs a port of its own");
        }
        Optional<char[]> password = Optional.ofNullable(properties.getProperty("jmx.password"))
                .filter(p -> !p.isBlank()).map(String::toCharArray);
        if (jmxPort >= 0 && password.isEmpty()) {
            throw new ConfigException(file + ": jmx.port is set, so jmx.password must be too");
        }
        String jmxHost = properties.getProperty("jmx.host", "127.0.0.1").trim();
        if (jmxPort >= 0) {
            try {
                InetAddress.getByName(jmxHost);
            } catch (UnknownHostException e) {
                throw new ConfigException(file + ": jmx.host=" + jmxHost + " is not a known address", e);
            }
        }
        return new OpsSettings(adminPort, jmxHost, jmxPort, jmxConnectorPort,
                properties.getProperty("jmx.user", "operator").trim(), password);
    }

    private static int port(Properties properties, String key, String fallback, Path file) throws ConfigException {
        String value = properties.getProperty(key, fallback).trim();
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
