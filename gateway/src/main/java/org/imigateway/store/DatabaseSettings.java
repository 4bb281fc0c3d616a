package org.imigateway.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.imigateway.config.ConfigException;
import org.imigateway.config.GatewayConfig;

/**
 * Which database the message log lives in, from {@code database.*} in {@code gateway.properties}:
 * without {@code database.url} the embedded Derby database in {@code <data>/derby}; with
 * {@code database.url=jdbc:postgresql://...} that PostgreSQL database, as {@code database.user}
 * with {@code database.password}. {@code database.poolSize} bounds the connections either way.
 */
public record DatabaseSettings(String url, String user, String password, int poolSize) {

    /** Enough for the routes' consumers and the AS4 requests in flight; a request beyond it waits for a connection. */
    public static final int DEFAULT_POOL_SIZE = 20;
    static final int MAX_POOL_SIZE = 1000;

    public static final String URL = "database.url";
    public static final String USER = "database.user";
    public static final String PASSWORD = "database.password";
    public static final String POOL_SIZE = "database.poolSize";

    /** The embedded Derby database in {@code folder}. */
    public static DatabaseSettings derby(Path folder) {
        return new DatabaseSettings("jdbc:derby:" + folder.toAbsolutePath().normalize(), "", "", DEFAULT_POOL_SIZE);
    }

    /** A PostgreSQL database. */
    public static DatabaseSettings postgresql(String url, String user, String password, int poolSize) {
        return new DatabaseSettings(url, user, password, poolSize);
    }

    /** The settings of a gateway home; every problem is named with its key and value. */
    public static DatabaseSettings load(GatewayConfig config) throws ConfigException {
        return load(config.home().resolve(GatewayConfig.FILE), GatewayConfig.properties(config.home()),
                config.dataDir());
    }

    static DatabaseSettings load(Path file, Properties p, Path dataDir) throws ConfigException {
        List<String> problems = new ArrayList<>();
        String url = p.getProperty(URL, "").trim();
        String user = p.getProperty(USER, "").trim();
        String password = p.getProperty(PASSWORD, "");
        int poolSize = poolSize(file, p.getProperty(POOL_SIZE), problems);
        DatabaseSettings settings;
        if (url.isEmpty()) {
            for (String key : List.of(USER, PASSWORD)) {
                if (p.getProperty(key) != null) {
                    problems.add(file + ": " + key + " is set but " + URL + " is not: the embedded Derby database takes"
                            + " no " + key.substring(key.indexOf('.') + 1) + "; set " + URL
                            + "=jdbc:postgresql://<host>:<port>/<database> or remove the line");
                }
            }
            settings = derby(dataDir.resolve("derby"));
            settings = new DatabaseSettings(settings.url(), "", "", poolSize);
        } else {
            if (!url.startsWith("jdbc:postgresql://")) {
                problems.add(file + ": " + URL + "=" + url + " is not a PostgreSQL URL (jdbc:postgresql://<host>:<port>/"
                        + "<database>); leave it out for the embedded Derby database in " + dataDir.resolve("derby"));
            }
            if (user.isEmpty()) {
                problems.add(file + ": " + USER + " is required with " + URL + "=" + url);
            }
            settings = postgresql(url, user, password, poolSize);
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(String.join("\n", problems));
        }
        return settings;
    }

    private static int poolSize(Path file, String value, List<String> problems) {
        if (value == null || value.isBlank()) {
            return DEFAULT_POOL_SIZE;
        }
        try {
            int size = Integer.parseInt(value.trim());
            if (size < 1 || size > MAX_POOL_SIZE) {
                problems.add(file + ": " + POOL_SIZE + "=" + value + " must be between 1 and " + MAX_POOL_SIZE);
            }
            return size;
        } catch (NumberFormatException e) {
            problems.add(file + ": " + POOL_SIZE + "=" + value + " is not a number");
            return DEFAULT_POOL_SIZE;
        }
    }

    Dialect dialect() {
        return Dialect.of(url).orElseThrow(() -> new IllegalStateException("not a database URL of ours: " + url));
    }

    /** Where the database is, for messages: the URL (which holds no password; that has a key of its own). */
    public String where() {
        return url;
    }

    @Override
    public String toString() {
        return "DatabaseSettings[" + url + (user.isEmpty() ? "" : " as " + user) + ", pool " + poolSize + "]";
    }
}
