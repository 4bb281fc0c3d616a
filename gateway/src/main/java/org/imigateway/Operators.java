package org.imigateway;

import static org.imigateway.certificates.PartyKit.TLS_SERVER_ALIAS;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

import org.imigateway.as4.TlsSettings;
import org.imigateway.broker.Broker;
import org.imigateway.config.AdmissionConfig;
import org.imigateway.config.ConfigException;
import org.imigateway.config.GatewayConfig;
import org.imigateway.connectors.GatewayPort;
import org.imigateway.connectors.admission.AdmissionSettings;
import org.imigateway.ops.CertificateExpiry;
import org.imigateway.ops.ClusterState;
import org.imigateway.ops.GatewayBean;
import org.imigateway.ops.GatewayMetrics;
import org.imigateway.ops.Health;
import org.imigateway.ops.MessageBrowser;
import org.imigateway.ops.MessageStatistics;
import org.imigateway.ops.Operations;
import org.imigateway.ops.OpsEndpoints;
import org.imigateway.ops.OpsSettings;
import org.imigateway.ops.SubmitServer;
import org.imigateway.ops.SubmitSettings;
import org.imigateway.pmode.ActivePModes;
import org.imigateway.pmode.Party;
import org.imigateway.route.Enqueuer;
import org.imigateway.route.RouteSupervisor;
import org.imigateway.route.SendControl;
import org.imigateway.store.MessageLog;
import org.imigateway.store.PayloadStore;

/**
 * What operators see and do: the gateway MBean (statistics, resend, purge, pauses, PMode
 * reload), metrics, health and certificate expiry, and the submission endpoint, opened on
 * their own doors when the gateway listens ({@code admin.port}, {@code jmx.port},
 * {@code submit.port}).
 */
final class Operators {

    private final GatewayConfig config;
    private final OpsSettings settings;
    private final GatewayBean bean;
    private final GatewayMetrics metrics;
    private final Health health;
    private final AdmissionSettings admission;
    private final SubmitSettings submitSettings;
    private final AdmissionSettings submitAdmission;
    private final GatewayPort submission;
    private final MessageLog log;
    private final Path data;

    Operators(GatewayConfig config, GatewayKeys keys, ActivePModes pmodes, MessageLog log, Enqueuer enqueuer,
            Broker broker, RouteSupervisor routes, SendControl sendControl, AdmissionConfig admission, Path data,
            GatewayPort submission, ClusterState cluster, Consumer<String> renotifyOutcome,
            PayloadStore payloads) throws ConfigException {
        this.config = config;
        this.admission = admission.admin();
        this.submitAdmission = admission.submit();
        this.settings = OpsSettings.load(config.home());
        this.submitSettings = SubmitSettings.load(config.home());
        this.submission = submission;
        this.log = log;
        this.data = data;
        CertificateExpiry expiry = new CertificateExpiry(keys::ownCertificates, pmodes);
        MessageStatistics statistics = new MessageStatistics(log);
        Operations operations = new Operations(log, enqueuer, broker, sendControl, name -> pmodes.get().party(name),
                pmodes::reload, renotifyOutcome);
        this.metrics = new GatewayMetrics(config.partyName(), statistics, broker::messageCount, sendControl, expiry,
                pmodes.get().parties().stream().map(Party::name).toList(), cluster, broker::blocked);
        this.bean = new GatewayBean(statistics, expiry, sendControl, operations, metrics, cluster, broker::live,
                new MessageBrowser(log, payloads));
        this.health = new Health(broker::isStarted, broker::blocked, routes::problems, log, data, expiry, cluster, broker::live);
    }

    OpsEndpoints open(TlsSettings serverTls) throws IOException {
        if (settings.jmxPort() >= 0 && serverTls.key().isEmpty()) {
            throw new IOException("remote JMX (jmx.port) needs a TLS server key under alias '" + TLS_SERVER_ALIAS
                    + "' in " + config.keyStore());
        }
        Optional<SubmitServer> submit = Optional.empty();
        if (submitSettings.enabled()) {
            submit = Optional.of(SubmitServer.create(config.partyName(), submitSettings, serverTls, submission, log,
                    data.resolve("work"), submitAdmission));
        }
        return OpsEndpoints.open(config.partyName(), settings, bean, metrics, health, serverTls, admission, submit);
    }

    public GatewayMetrics metrics() {
        return metrics;
    }
}
