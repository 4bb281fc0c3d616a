package org.imigateway.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.core.settings.impl.HierarchicalObjectRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped broker.xml for external brokers and the embedded broker's configuration say the same:
 * same queues, same address settings on every gateway address, duplicate ids kept as long, journal
 * synced the same. ExternalBrokerTest shows a running broker from the template passes the gateway's check.
 */
class BrokerTemplateTest {

    private static final List<String> ADDRESSES = List.of(Queues.INBOUND, Queues.OUTBOUND, Queues.DEAD_LETTER,
            Queues.delivery("default"), "imi.hub.fanout", "imi.backend.jms.in");

    @TempDir
    Path dir;

    @Test
    void templateRunsWhatTheEmbeddedBrokerRuns() throws Exception {
        Configuration template = parseTemplate("ha-primary.xml");
        Configuration embedded = BrokerConfiguration.build(BrokerSettings.of("embedded", dir.resolve("embedded")),
                dir.resolve("embedded"), JournalType.NIO, 1);
        for (String address : ADDRESSES) {
            assertEquals(List.of(), BrokerConfiguration.differences(address, match(template, address),
                    RedeliverySettings.defaults()), "template, " + address);
            assertEquals(List.of(), BrokerConfiguration.differences(address, match(embedded, address),
                    RedeliverySettings.defaults()), "embedded, " + address);
        }
        assertEquals(new TreeSet<>(BrokerConfiguration.FIXED_QUEUES), queues(template));
        assertEquals(queues(embedded), queues(template));
        assertEquals(embedded.getIDCacheSize(), template.getIDCacheSize());
        assertEquals(embedded.isPersistIDCache(), template.isPersistIDCache());
        assertEquals(embedded.isPersistenceEnabled(), template.isPersistenceEnabled());
        assertEquals(embedded.isJournalSyncTransactional(), template.isJournalSyncTransactional());
        assertEquals(embedded.isJournalSyncNonTransactional(), template.isJournalSyncNonTransactional());
        assertEquals(embedded.isJournalDatasync(), template.isJournalDatasync());
        assertTrue(template.isSecurityEnabled(), "external brokers require a login");
    }

    @Test
    void aChangedRedeliveryInTheTemplateIsFound() throws Exception {
        Configuration template = parseTemplate("ha-backup.xml");
        AddressSettings changed = match(template, Queues.INBOUND).setRedeliveryDelay(1000);
        assertEquals(List.of("imi.inbound: redelivery-delay is 1000, the gateway needs 5000"),
                BrokerConfiguration.differences(Queues.INBOUND, changed, RedeliverySettings.defaults()));
    }

    private Configuration parseTemplate(String haPolicy) throws Exception {
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Path template = Path.of("src/main/dist/artemis");
        Files.copy(template.resolve("broker.xml"), etc.resolve("broker.xml"));
        Files.copy(template.resolve(haPolicy), etc.resolve("ha-policy.xml"));
        String before = System.setProperty("artemis.instance.etc", etc.toString());
        try {
            FileConfiguration config = new FileConfiguration();
            FileDeploymentManager deployment = new FileDeploymentManager(etc.resolve("broker.xml").toUri().toString());
            deployment.addDeployable(config);
            deployment.readConfiguration();
            return config;
        } finally {
            if (before == null) {
                System.clearProperty("artemis.instance.etc");
            } else {
                System.setProperty("artemis.instance.etc", before);
            }
        }
    }

    private static AddressSettings match(Configuration config, String address) {
        HierarchicalObjectRepository<AddressSettings> repository =
                new HierarchicalObjectRepository<>(config.getWildcardConfiguration());
        config.getAddressSettings().forEach(repository::addMatch);
        return repository.getMatch(address);
    }

    private static TreeSet<String> queues(Configuration config) {
        TreeSet<String> names = new TreeSet<>();
        config.getAddressConfigurations().stream().map(CoreAddressConfiguration::getName).forEach(names::add);
        config.getQueueConfigs().forEach(q -> names.add(q.getName().toString()));
        return names;
    }
}
