package org.imigateway.broker;

import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What a deployment may change about the embedded broker.
 *
 * @param name                 broker name; appears in the JMX ObjectNames, so unique per JVM
 *                             (the demo runs several gateways in one process)
 * @param dataFolder           holds the journal, bindings, paging and large-messages sub-folders
 *                             (the gateway uses {@code <home>/data/artemis})
 * @param redelivery           redelivery and dead-letter policy of the {@code imi.*} queues
 * @param tcpPort              when present, a CORE protocol acceptor on 127.0.0.1 at this port
 *                             (for operators' tools); absent by default: in-VM only
 * @param duplicateIdCacheSize duplicate ids remembered per address (a ring: the oldest is forgotten first)
 * @param maxDiskUsage         the percentage of its disk above which the broker stops taking messages
 *                             (Artemis' {@code max-disk-usage}); 100 lets it fill the disk
 */
public record BrokerSettings(String name, Path dataFolder, RedeliverySettings redelivery, OptionalInt tcpPort,
                             int duplicateIdCacheSize, int maxDiskUsage) {

    /**
     * About half a day of inbound traffic at the public-declaration peak (1.5 million a month is about
     * 50 000 a day). The message store's MessageId check stays the authoritative duplicate check.
     */
    public static final int DEFAULT_DUPLICATE_ID_CACHE_SIZE = 25_000;

    /** Artemis' own default: a tenth of the disk is left for the database, the payloads and the logs. */
    public static final int DEFAULT_MAX_DISK_USAGE = 90;

    public BrokerSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataFolder, "dataFolder");
        Objects.requireNonNull(redelivery, "redelivery");
        Objects.requireNonNull(tcpPort, "tcpPort");
        if (name.isBlank() || !name.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("Broker name '" + name + "' must be letters, digits, '.', '-' or '_'");
        }
        if (tcpPort.isPresent() && (tcpPort.getAsInt() < 1 || tcpPort.getAsInt() > 65535)) {
            throw new IllegalArgumentException("TCP port out of range: " + tcpPort.getAsInt());
        }
        if (duplicateIdCacheSize < 1) {
            throw new IllegalArgumentException("duplicateIdCacheSize must be positive, was " + duplicateIdCacheSize);
        }
        if (maxDiskUsage < 1 || maxDiskUsage > 100) {
            throw new IllegalArgumentException("maxDiskUsage must be a percentage from 1 to 100, was " + maxDiskUsage);
        }
    }

    /** In-VM only, default redelivery and duplicate cache. */
    public static BrokerSettings of(String name, Path dataFolder) {
        return new BrokerSettings(name, dataFolder, RedeliverySettings.defaults(), OptionalInt.empty(),
                DEFAULT_DUPLICATE_ID_CACHE_SIZE, DEFAULT_MAX_DISK_USAGE);
    }

    public BrokerSettings withRedelivery(RedeliverySettings settings) {
        return new BrokerSettings(name, dataFolder, settings, tcpPort, duplicateIdCacheSize, maxDiskUsage);
    }

    public BrokerSettings withTcpPort(int port) {
        return new BrokerSettings(name, dataFolder, redelivery, OptionalInt.of(port), duplicateIdCacheSize, maxDiskUsage);
    }

    public BrokerSettings withDuplicateIdCacheSize(int size) {
        return new BrokerSettings(name, dataFolder, redelivery, tcpPort, size, maxDiskUsage);
    }

    public BrokerSettings withMaxDiskUsage(int percent) {
        return new BrokerSettings(name, dataFolder, redelivery, tcpPort, duplicateIdCacheSize, percent);
    }
}
