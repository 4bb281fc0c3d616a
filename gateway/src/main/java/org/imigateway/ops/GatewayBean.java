package org.imigateway.ops;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.imigateway.route.SendControl;
/** The gateway's MBean on the platform MBean server; reads and actions are delegated, nothing is kept here. */
public final class GatewayBean implements GatewayMXBean {

    public static final String DOMAIN = "org.imigateway";

    private static final Logger LOG = LoggerFactory.getLogger(GatewayBean.class);

    private final MessageStatistics statistics;
    private final CertificateExpiry certificates;
    private final SendControl control;
    private final Operations operations;
    private final GatewayMetrics metrics;
    private final ClusterState cluster;
    private final java.util.function.Supplier<String> brokerLive;
    private final MessageBrowser messages;

    public GatewayBean(MessageStatistics statistics, CertificateExpiry certificates, SendControl control,
            Operations operations, GatewayMetrics metrics, ClusterState cluster,
            java.util.function.Supplier<String> brokerLive, MessageBrowser messages) {
        this.messages = messages;
        this.brokerLive = brokerLive;
        this.metrics = metrics;
        this.cluster = cluster;
        this.statistics = statistics;
        this.certificates = certificates;
        this.control = control;
        this.operations = operations;
    }

    public static ObjectName objectName(String party) {
        try {
            return new ObjectName(DOMAIN + ":type=Gateway,name=" + ObjectName.quote(party));
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("no JMX name for party " + party, e);
        }
    }

    /** Registers under {@link #objectName}, replacing a stale registration of the same party. */
    public ObjectName register(String party) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = objectName(party);
        try {
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(this, name);
        } catch (JMException e) {
            throw new IllegalStateException("cannot register " + name + ": " + e.getMessage(), e);
        }
        return name;
    }

    public static void unregister(String party) {
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(objectName(party));
        } catch (JMException e) {
            LOG.debug("{} was not registered: {}", objectName(party), e.getMessage());
        }
    }

    @Override
    public String searchMessages(Map<String, String> criteria) {
        return messages.search(org.imigateway.store.MessageSearch.fromMap(criteria == null ? Map.of() : criteria));
    }

    @Override
    public String showMessage(String messageId) {
        return messages.show(messageId).orElse("");
    }

    @Override
    public Map<String, Long> getMessageCountsByStatus() {
        return statistics.countsByStatus();
    }

    @Override
    public Map<String, Long> getMessageCountsByParty() {
        return statistics.countsByParty();
    }

    @Override
    public Map<String, Long> getOldestPendingSeconds() {
        return statistics.oldestPendingSeconds(Instant.now());
    }

    @Override
    public Map<String, Integer> getConsecutiveSendFailures() {
        return control.consecutiveFailures();
    }

    @Override
    public Map<String, Long> getCertificateDaysLeft() {
        return certificates.daysLeft(Instant.now());
    }

    @Override
    public Map<String, String> getActiveCertificates() {
        return certificates.active(Instant.now());
    }

    @Override
    public Map<String, Double> getMetrics() {
        return metrics.values();
    }

    @Override
    public List<String> getPausedParties() {
        return operations.pausedParties();
    }

    @Override
    public String getClusterNodeId() {
        return cluster.nodeId();
    }

    @Override
    public boolean isTimerHolder() {
        return cluster.holdsTimers();
    }

    @Override
    public String getBrokerLive() {
        return brokerLive.get();
    }

    @Override
    public long getDeadLetterCount() {
        return operations.deadLetterCount();
    }

    @Override
    public boolean resend(String messageId) {
        return operations.resend(messageId);
    }

    @Override
    public int resendFailed(String party, String since) {
        Instant from;
        try {
            from = Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + since + "' is not an ISO-8601 instant such as 2026-11-27T00:00:00Z");
        }
        return operations.resendFailed(party, from);
    }

    @Override
    public boolean moveToDeadLetterQueue(String messageId) {
        return operations.moveToDeadLetters(messageId);
    }

    @Override
    public int purgeDeadLetterQueue() {
        return operations.purgeDeadLetters();
    }

    @Override
    public boolean pauseSending(String party) {
        return operations.pauseSending(party);
    }

    @Override
    public boolean resumeSending(String party) {
        return operations.resumeSending(party);
    }

    @Override
    public String reloadPModes() {
        return operations.reloadPModes();
    }
}
