package org.imigateway.config;

import java.io.IOException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * {@code config/gateway.properties} of a gateway home: who we are, where we listen, which key
 * and trust stores we use, limits. Paths are relative to the home folder. Every problem is
 * reported with the property's name.
 */
public record GatewayConfig(
        Path home,
        String partyName,
        String host,
        int httpPort,
        int httpsPort,
        Path keyStore,
        char[] keyStorePassword,
        Path trustStore,
        char[] trustStorePassword,
        Optional<Path> crl,
        List<String> tlsProtocols,
        List<String> tlsCipherSuites,
        boolean tlsClientAuth,
        Path pmodes,
        Path dataDir,
        long maxMessageBytes,
        Duration sendTimeout) {

    public static final String FILE = "config/gateway.properties";
    private static final String TEST_PREFIX = "testing.";

    /** 2 GiB payloads are a supported case (README, "Large payloads"), plus room for MIME and the SOAP part. */
    public static final long DEFAULT_MAX_MESSAGE_BYTES = 3L * 1024 * 1024 * 1024;

    public static GatewayConfig load(Path home) throws ConfigException {
        Path file = home.resolve(FILE);
        Properties p = properties(home);
        List<String> problems = new ArrayList<>();
        refuseTestSwitches(file, p, problems);
        Reader reader = new Reader(file, p, problems, home);
        GatewayConfig config = new GatewayConfig(
                home,
                reader.required("gateway.party"),
                p.getProperty("http.host", "127.0.0.1").trim(),
                reader.port("http.port", 8080),
                reader.port("https.port", -1),
                reader.path("keys.store", true),
                reader.required("keys.password").toCharArray(),
                reader.path("trust.store", true),
                reader.required("trust.password").toCharArray(),
                Optional.ofNullable(p.getProperty("trust.crl")).map(String::trim).filter(s -> !s.isEmpty())
                        .map(s -> reader.path("trust.crl", true)),
                reader.list("tls.protocols"),
                reader.list("tls.cipherSuites"),
                Boolean.parseBoolean(p.getProperty("tls.clientAuth", "false").trim()),
                reader.path("pmodes.dir", p.getProperty("pmodes.dir", "config/pmodes"), true),
                reader.path("data.dir", p.getProperty("data.dir", "data"), false),
                reader.positiveLong("limits.maxMessageBytes", DEFAULT_MAX_MESSAGE_BYTES),
                Duration.ofSeconds(reader.positiveLong("send.timeoutSeconds", 120)));
        if (!problems.isEmpty()) {
            throw new ConfigException(String.join("\n", problems));
        }
        return config;
    }

    /**
     * Earlier versions read {@code testing.fault.*} keys that switched checks off for the
     * conformance suite's self-test. The product has no such switch; a home that still names one
     * must not start as if its line meant something, so every {@code testing.*} key is refused.
     */
    private static void refuseTestSwitches(Path file, Properties p, List<String> problems) {
        p.stringPropertyNames().stream().filter(name -> name.startsWith(TEST_PREFIX)).sorted()
                .forEach(name -> problems.add(file + ": " + name + " is not a setting of this gateway (no " + TEST_PREFIX
                        + "* key is: checks cannot be switched off); remove the line"));
    }

    /**
     * The raw properties of {@code config/gateway.properties}. Features with settings of their own
     * (connectors, the hub role, ...) read them from here in a settings class of their own package
     * instead of growing this record.
     */
    public static Properties properties(Path home) throws ConfigException {
        Path file = home.resolve(FILE);
        Properties p = new Properties();
        try (java.io.Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ConfigException("no gateway home at " + home.toAbsolutePath() + " (" + FILE
                    + " is missing); create one with: imi-gateway init --dir <folder> --party <name> ...");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read: " + e.getMessage());
        }
        return p;
    }

    /** Reads properties and collects every problem, naming the file and the property. */
    private record Reader(Path file, Properties p, List<String> problems, Path home) {

        String required(String name) {
            String value = p.getProperty(name);
            if (value == null || value.isBlank()) {
                problems.add(file + ": " + name + " is required");
                return "";
            }
            return value.trim();
        }

        int port(String name, int fallback) {
            String value = p.getProperty(name);
            if (value == null || value.isBlank()) {
                return fallback;
            }
            try {
                int port = Integer.parseInt(value.trim());
                if (port < -1 || port > 65535) {
                    problems.add(file + ": " + name + "=" + value + " is not a port (0 picks a free one, -1 turns it off)");
                }
                return port;
            } catch (NumberFormatException e) {
                problems.add(file + ": " + name + "=" + value + " is not a number");
                return fallback;
            }
        }

        long positiveLong(String name, long fallback) {
            String value = p.getProperty(name);
            if (value == null || value.isBlank()) {
                return fallback;
            }
            try {
                long n = Long.parseLong(value.trim());
                if (n <= 0) {
                    problems.add(file + ": " + name + "=" + value + " must be positive");
                }
                return n;
            } catch (NumberFormatException e) {
                problems.add(file + ": " + name + "=" + value + " is not a number");
                return fallback;
            }
        }

        Path path(String name, boolean mustExist) {
            return path(name, required(name), mustExist);
        }

        Path path(String name, String value, boolean mustExist) {
            Path path = home.resolve(value.trim()).normalize();
            if (mustExist && !value.isBlank() && !Files.exists(path)) {
                problems.add(file + ": " + name + "=" + value + ": " + path + " does not exist");
            }
            return path;
        }

        List<String> list(String name) {
            String value = p.getProperty(name, "");
            return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
    }
}
