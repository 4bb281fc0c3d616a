package org.imigateway.broker;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

import org.imigateway.config.ConfigException;
import org.imigateway.config.GatewayConfig;

/** Chooses a gateway's broker: the external one of {@code broker.url}, else the embedded one in its data folder. */
public final class Brokers {

    /** The embedded broker's {@code max-disk-usage}; an external broker has it in its own broker.xml. */
    public static final String MAX_DISK_USAGE = "broker.maxDiskUsage";

    private Brokers() {
    }

    /**
     * Connects to the external broker when the home names one, else starts the embedded broker named
     * {@code name} on {@code embeddedFolder}.
     */
    public static Broker open(Path home, String name, Path embeddedFolder) throws ConfigException {
        Optional<ExternalBrokerSettings> external = ExternalBrokerSettings.load(home);
        Properties p = GatewayConfig.properties(home);
        String maxDiskUsage = p.getProperty(MAX_DISK_USAGE);
        if (external.isPresent()) {
            if (maxDiskUsage != null) {
                throw new ConfigException(home.resolve(GatewayConfig.FILE) + ": " + MAX_DISK_USAGE + " is for the embedded broker;"
                        + " an external broker has max-disk-usage in its broker.xml");
            }
            return ExternalBroker.connect(external.get());
        }
        BrokerSettings settings = BrokerSettings.of(name, embeddedFolder);
        if (maxDiskUsage != null) {
            settings = settings.withMaxDiskUsage(percent(home, maxDiskUsage));
        }
        return EmbeddedBroker.start(settings);
    }

    private static int percent(Path home, String value) throws ConfigException {
        try {
            int percent = Integer.parseInt(value.trim());
            if (percent >= 1 && percent <= 100) {
                return percent;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ConfigException(home.resolve(GatewayConfig.FILE) + ": " + MAX_DISK_USAGE + "=" + value
                + " is not a percentage from 1 to 100");
    }
}
