package org.imigateway.broker;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory;
import org.imigateway.config.ConfigException;
import org.imigateway.config.GatewayConfig;

/**
 * An external Artemis broker ({@code gateway.properties}):
 * <pre>
 *   broker.url=(tcp://10.0.0.1:61616,tcp://10.0.0.2:61616)?ha=true&amp;reconnectAttempts=-1
 *   broker.user=imi
 *   broker.password=...
 * </pre>
 * Without {@code broker.url} the gateway starts its embedded broker.
 *
 * @param url      an Artemis core-protocol URL, one {@code tcp://} server or a list of them
 * @param user     a user with the role the broker template grants ({@code imi-gateway})
 * @param password its password
 */
public record ExternalBrokerSettings(String url, String user, String password) {

    public static final String URL = "broker.url";
    public static final String USER = "broker.user";
    public static final String PASSWORD = "broker.password";

    public ExternalBrokerSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    /** The external broker the home names, or empty for the embedded one. */
    public static Optional<ExternalBrokerSettings> load(Path home) throws ConfigException {
        Properties p = GatewayConfig.properties(home);
        String file = home.resolve(GatewayConfig.FILE).toString();
        String url = p.getProperty(URL, "").trim();
        if (url.isEmpty()) {
            for (String key : new String[] {USER, PASSWORD}) {
                if (p.getProperty(key) != null) {
                    throw new ConfigException(file + ": " + key + " is set but " + URL
                            + " is not; without " + URL + " the embedded broker is used");
                }
            }
            return Optional.empty();
        }
        checkUrl(file, url);
        String user = p.getProperty(USER, "").trim();
        if (user.isEmpty()) {
            throw new ConfigException(file + ": " + USER + " is required with " + URL + "=" + url
                    + " (the broker's user with the role imi-gateway)");
        }
        String password = p.getProperty(PASSWORD);
        if (password == null || password.isEmpty()) {
            throw new ConfigException(file + ": " + PASSWORD + " is required with " + URL + "=" + url);
        }
        return Optional.of(new ExternalBrokerSettings(url, user, password));
    }

    // Only the core protocol over TCP: an in-VM or discovery URL would not reach the brokers of the template.
    private static void checkUrl(String file, String url) throws ConfigException {
        try (ServerLocator locator = ActiveMQClient.createServerLocator(url)) {
            TransportConfiguration[] servers = locator.getStaticTransportConfigurations();
            if (servers == null || servers.length == 0) {
                throw new ConfigException(file + ": " + URL + "=" + url + " names no tcp:// server");
            }
            for (TransportConfiguration server : servers) {
                if (!NettyConnectorFactory.class.getName().equals(server.getFactoryClassName())) {
                    throw new ConfigException(file + ": " + URL + "=" + url
                            + " is not a tcp:// URL of the Artemis core protocol");
                }
            }
        } catch (ConfigException e) {
            throw e;
        } catch (Exception e) {
            throw new ConfigException(file + ": " + URL + "=" + url + " is not an Artemis URL: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "ExternalBrokerSettings[url=" + url + ", user=" + user + "]";
    }
}
