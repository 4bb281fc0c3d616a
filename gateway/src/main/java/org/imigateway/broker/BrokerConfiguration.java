package org.imigateway.broker;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/** Turns {@link BrokerSettings} into the Artemis configuration, following REFERENCE.md "Hardening settings". */
final class BrokerConfiguration {

    /** The queues every broker of a gateway has from its configuration (the others are made by ensureQueue). */
    static final List<String> FIXED_QUEUES = List.of(Queues.INBOUND, Queues.OUTBOUND, Queues.DEAD_LETTER);

    private static final String ALL = "#";
    private static final String GATEWAY_QUEUES = "imi.#";

    private BrokerConfiguration() {
    }

    /**
     * The address settings in force for one of the gateway's addresses: the most specific match first,
     * completed from the more general ones, as Artemis merges them. An external broker must run with these.
     */
    static AddressSettings settingsFor(String address, RedeliverySettings redelivery) {
        AddressSettings settings = new AddressSettings();
        if (address.equals(Queues.DEAD_LETTER)) {
            settings.merge(deadLetter());
        }
        if (address.startsWith("imi.")) {
            settings.merge(redelivery(redelivery));
        }
        settings.merge(baseAddressSettings());
        return settings;
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
                // Above it producers wait for space; the inbound hand-off waits a bounded time (InboundHandoff).
                .setMaxDiskUsage(settings.maxDiskUsage())
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

        config.addAddressSetting(ALL, baseAddressSettings());
        config.addAddressSetting(GATEWAY_QUEUES, redelivery(settings.redelivery()));
        config.addAddressSetting(Queues.DEAD_LETTER, deadLetter());

        for (String queue : FIXED_QUEUES) {
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

    /**
     * How the settings a broker runs with for this address differ from {@link #settingsFor}, one line
     * per setting under its broker.xml name; empty when they match.
     */
    static List<String> differences(String address, AddressSettings actual, RedeliverySettings redelivery) {
        AddressSettings expected = settingsFor(address, redelivery);
        List<String> found = new ArrayList<>();
        compare(found, "max-delivery-attempts", expected.getMaxDeliveryAttempts(), actual.getMaxDeliveryAttempts());
        compare(found, "redelivery-delay", expected.getRedeliveryDelay(), actual.getRedeliveryDelay());
        compare(found, "redelivery-delay-multiplier", expected.getRedeliveryMultiplier(),
                actual.getRedeliveryMultiplier());
        compare(found, "max-redelivery-delay", expected.getMaxRedeliveryDelay(), actual.getMaxRedeliveryDelay());
        compare(found, "dead-letter-address", expected.getDeadLetterAddress(), actual.getDeadLetterAddress());
        compare(found, "auto-create-queues", expected.isAutoCreateQueues(), actual.isAutoCreateQueues());
        compare(found, "auto-create-addresses", expected.isAutoCreateAddresses(), actual.isAutoCreateAddresses());
        compare(found, "auto-create-dead-letter-resources", expected.isAutoCreateDeadLetterResources(),
                actual.isAutoCreateDeadLetterResources());
        compare(found, "no-expiry", expected.isNoExpiry(), actual.isNoExpiry());
        compare(found, "address-full-policy", expected.getAddressFullMessagePolicy(),
                actual.getAddressFullMessagePolicy());
        return found.stream().map(difference -> address + ": " + difference).toList();
    }

    private static void compare(List<String> found, String name, Object expected, Object actual) {
        if (!String.valueOf(expected).equals(String.valueOf(actual))) {
            found.add(name + " is " + actual + ", the gateway needs " + expected);
        }
    }

    // The dead-letter queue keeps what it holds however often an operator's consumer fails on it:
    // without this, its own max-delivery-attempts would drop the message (it has nowhere further to go).
    private static AddressSettings deadLetter() {
        return new AddressSettings().setMaxDeliveryAttempts(-1);
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
