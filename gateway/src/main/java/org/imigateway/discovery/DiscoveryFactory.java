package org.imigateway.discovery;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import io.micrometer.core.instrument.MeterRegistry;
import org.imigateway.certificates.Stores;
import org.imigateway.config.ConfigException;
import org.imigateway.config.GatewayConfig;

/** Builds a home's {@link Discovery} from its settings and trust stores, when discovery is on. */
public final class DiscoveryFactory {

    private DiscoveryFactory() {
    }

    public static Optional<Discovery> open(GatewayConfig config, MeterRegistry metrics) throws ConfigException {
        Path file = config.home().resolve(GatewayConfig.FILE);
        Properties p = GatewayConfig.properties(config.home());
        DiscoverySettings settings = DiscoverySettings.read(file, p);
        if (!settings.enabled()) {
            return Optional.empty();
        }
        KeyStore smpTrust = read(file, DiscoverySettings.SMP_TRUSTSTORE, settings.smpTrustStore().orElseThrow(),
                settings.smpTrustPassword());
        KeyStore apTrust = read(file, "trust.store", config.trustStore(), config.trustStorePassword());
        List<X509CRL> crls = config.crl().map(c -> List.of(Stores.readCrl(c))).orElse(List.of());
        SmpClient client = new SmpClient(settings.timeout(), settings.smpVersion(), new SmpSignature(ChainCheck.of(smpTrust, List.of())),
                new EndpointChoice(settings.transportProfiles(), ChainCheck.of(apTrust, crls)));
        SmpLocator locator;
        try {
            locator = settings.locator();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ConfigException(file + ": " + DiscoverySettings.DNS_SERVER + ": " + e.getMessage());
        }
        return Optional.of(new Discovery(locator, client, settings.cacheMaxAge(), Clock.systemUTC(), metrics));
    }

    private static KeyStore read(Path file, String key, Path store, char[] password) throws ConfigException {
        try {
            return Stores.read(store, password);
        } catch (RuntimeException e) {
            throw new ConfigException(file + ": " + key + "=" + store + " cannot be read: " + e.getMessage(), e);
        }
    }
}
