package org.imigateway.broker;

import java.nio.file.Path;
import java.util.Optional;

import org.imigateway.config.ConfigException;

/** Chooses a gateway's broker: the external one of {@code broker.url}, else the embedded one in its data folder. */
public final class Brokers {

    private Brokers() {
    }

    /**
     * Connects to the external broker when the home names one, else starts the embedded broker named
     * {@code name} on {@code embeddedFolder}.
     */
    public static Broker open(Path home, String name, Path embeddedFolder) throws ConfigException {
        Optional<ExternalBrokerSettings> external = ExternalBrokerSettings.load(home);
        if (external.isPresent()) {
            return ExternalBroker.connect(external.get());
        }
        return EmbeddedBroker.start(BrokerSettings.of(name, embeddedFolder));
    }
}
