package org.imigateway.cli;

import java.io.IOException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.X509Certificate;
import java.util.Optional;

import javax.management.JMX;
import javax.management.remote.JMXConnector;

import org.imigateway.certificates.Stores;
import org.imigateway.config.ConfigException;
import org.imigateway.config.GatewayConfig;
import org.imigateway.ops.GatewayBean;
import org.imigateway.ops.GatewayMXBean;
import org.imigateway.ops.OpsSettings;
import org.imigateway.ops.RemoteJmx;
import org.imigateway.ops.UntrustedJmxServerException;

import static org.imigateway.certificates.PartyKit.TLS_SERVER_ALIAS;

/**
 * The commands' way into a running gateway: remote JMX as configured in its home (jmx.*),
 * trusting only the gateway's own TLS certificate (alias {@code tls-server} in
 * the home's key store), not every certificate its CA signed. Empty when remote JMX is off or
 * nothing listens; an endpoint that is not the gateway is an {@link UntrustedJmxServerException}.
 */
final class GatewayJmxClient implements AutoCloseable {

    private final JMXConnector connector;
    private final GatewayMXBean gateway;

    private GatewayJmxClient(JMXConnector connector, GatewayMXBean gateway) {
        this.connector = connector;
        this.gateway = gateway;
    }

    static Optional<GatewayJmxClient> connect(GatewayConfig config) throws ConfigException, UntrustedJmxServerException {
        OpsSettings settings = OpsSettings.load(config.home());
        if (settings.jmxPort() < 0) {
            return Optional.empty();
        }
        X509Certificate gateway = gatewayCertificate(config);
        try {
            JMXConnector connector = RemoteJmx.connect(settings.jmxHost(), settings.jmxPort(),
                    settings.jmxUser(), settings.jmxPassword().orElseThrow(), gateway);
            GatewayMXBean bean = JMX.newMXBeanProxy(connector.getMBeanServerConnection(),
                    GatewayBean.objectName(config.partyName()), GatewayMXBean.class);
            return Optional.of(new GatewayJmxClient(connector, bean));
        } catch (UntrustedJmxServerException e) {
            throw e;
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    GatewayMXBean gateway() {
        return gateway;
    }

    @Override
    public void close() throws IOException {
        connector.close();
    }

    /** The gateway's own TLS certificate, from its home's key store: what the commands pin. */
    static X509Certificate gatewayCertificate(GatewayConfig config) throws ConfigException {
        KeyStore keys = Stores.read(config.keyStore(), config.keyStorePassword());
        try {
            if (keys.getCertificate(TLS_SERVER_ALIAS) instanceof X509Certificate certificate) {
                return certificate;
            }
        } catch (KeyStoreException e) {
            throw new ConfigException(config.keyStore() + ": cannot be read: " + e.getMessage(), e);
        }
        throw new ConfigException(config.keyStore() + " has no '" + TLS_SERVER_ALIAS
                + "' certificate: the commands trust only the gateway's own TLS certificate");
    }
}
