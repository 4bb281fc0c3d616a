package org.imigateway.broker;

import java.nio.file.Path;

import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/** Turns {@link BrokerSettings} into the Artemis configuration, following REFERENCE.md "Hardening settings". */
final class BrokerConfiguration {

    private BrokerConfiguration() {
    }

    static Configuration build(BrokerSettings settings, Path data, JournalType journalType, int inVmId) {
        Configuration config = new ConfigurationImpl()
                .setName(settings.name())
                .setPersistenceEnabled(true)
                .setJournalType(journalType)
                .setJournalDirectory(data.resolve("journal").toString())
                .setBindingsDirectory(data.resolve("bindings").toString())
                .setPagingDirectory(data.resolve("paging").toString())
                .setLargeMessagesDirectory(data.resolve("large-messages").toString())
                .setNodeManagerLockDirectory(data.resolve("journal").toString())
                // A send or commit returns only after the journal is on disk: invariant 1 of DESIGN.md.
                .setJournalSyncTransactional(true)
                .setJournalSyncNonTransactional(true)
                .setJournalDatasync(true)
                .setIDCacheSize(settings.duplicateIdCacheSize())
                .setPersistIDCache(true)
                // In-VM clients live in this JVM; the optional TCP acceptor binds to loopback only.
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(true)
                .setJMXDomain(EmbeddedBroker.JMX_DOMAIN);
        try {
            config.addAcceptorConfiguration("in-vm", "vm://" + inVmId);
            if (settings.tcpPort().isPresent()) {
                config.addAcceptorConfiguration("tcp",
                        "tcp://127.0.0.1:" + settings.tcpPort().getAsInt() + "?protocols=CORE");
            }
        } catch (Exception e) {
            throw new BrokerException("Invalid acceptor for broker " + settings.name() + ": " + e.getMessage(), e);
        }

        config.addAddressSetting("#", baseAddressSettings());
        config.addAddressSetting("imi.#", redelivery(settings.redelivery()));
        // The dead-letter queue keeps what it holds however often an operator's consumer fails on it:
        // without this, its own max-delivery-attempts would drop the message (it has nowhere further to go).
        config.addAddressSetting(Queues.DEAD_LETTER, new AddressSettings().setMaxDeliveryAttempts(-1));

        for (String queue : new String[] {Queues.INBOUND, Queues.OUTBOUND, Queues.DEAD_LETTER}) {
            config.addQueueConfiguration(EmbeddedBroker.durableAnycast(queue));
        }
        return config;
    }

    private static AddressSettings baseAddressSettings() {
        return new AddressSettings()
                // Queues exist because start() or ensureDeliveryQueue() made them: a typo fails loudly.
                .setAutoCreateQueues(false)
                .setAutoCreateAddresses(false)
                .setAutoCreateDeadLetterResources(false)
                .setDefaultAddressRoutingType(RoutingType.ANYCAST)
                .setDefaultQueueRoutingType(RoutingType.ANYCAST)
                .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE)
                // Expiry off: a time-to-live set by a producer (Camel sets one for request-reply) never drops a message.
                .setNoExpiry(true)
                // Never used while expiry is off; naming it silences Artemis' start-up warning AMQ222166 per
                // queue, and would keep rather than drop a message if expiry were ever switched on.
                .setExpiryAddress(SimpleString.of(Queues.DEAD_LETTER));
    }

    private static AddressSettings redelivery(RedeliverySettings redelivery) {
        return new AddressSettings()
                .setMaxDeliveryAttempts(redelivery.maxDeliveryAttempts())
                .setRedeliveryDelay(redelivery.redeliveryDelay().toMillis())
                .setRedeliveryMultiplier(redelivery.multiplier())
                .setMaxRedeliveryDelay(redelivery.maxRedeliveryDelay().toMillis())
                .setDeadLetterAddress(SimpleString.of(Queues.DEAD_LETTER));
    }
}
