package org.imigateway.cli;

import java.io.IOException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import javax.management.JMX;
import javax.management.remote.JMXConnector;

import org.imigateway.certificates.Stores;
import org.imigateway.config.ConfigException;
import org.imigateway.config.GatewayConfig;
import org.imigateway.ops.GatewayBean;
import org.imigateway.ops.GatewayMXBean;
import org.imigateway.ops.OpsSettings;

/**
 * The commands' way into a running gateway: remote JMX as configured in its home (jmx.*),
 * trusting the CAs of the home's trust store. Empty when remote JMX is off or nothing listens.
 */
final class GatewayJmxClient implements AutoCloseable {

    private final JMXConnector connector;
    private final GatewayMXBean gateway;

    private GatewayJmxClient(JMXConnector connector, GatewayMXBean gateway) {
        this.connector = connector;
        this.gateway = gateway;
    }

    static Optional<GatewayJmxClient> connect(GatewayConfig config) throws ConfigException {
        OpsSettings settings = OpsSettings.load(config.home());
        if (settings.jmxPort() < 0) {
            return Optional.empty();
        }
        List<X509Certificate> anchors = anchors(Stores.read(config.trustStore(), config.trustStorePassword()));
        try {
            JMXConnector connector = org.imigateway.ops.RemoteJmx.connect(settings.jmxHost(), settings.jmxPort(),
                    settings.jmxUser(), settings.jmxPassword().orElseThrow(), anchors);
            GatewayMXBean bean = JMX.newMXBeanProxy(connector.getMBeanServerConnection(),
                    GatewayBean.objectName(config.partyName()), GatewayMXBean.class);
            return Optional.of(new GatewayJmxClient(connector, bean));
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

    private static List<X509Certificate> anchors(KeyStore trust) throws ConfigException {
        try {
            List<X509Certificate> anchors = new ArrayList<>();
            for (String alias : Collections.list(trust.aliases())) {
                if (trust.isCertificateEntry(alias)) {
                    anchors.add((X509Certificate) trust.getCertificate(alias));
                }
            }
            return anchors;
        } catch (KeyStoreException e) {
            throw new ConfigException("the trust store cannot be read: " + e.getMessage(), e);
        }
    }
}
