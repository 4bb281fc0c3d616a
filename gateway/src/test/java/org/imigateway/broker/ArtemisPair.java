package org.imigateway.broker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.imigateway.testsupport.Await;

/**
 * A live/backup pair of {@link ArtemisProcess} brokers on one shared store under {@code folder},
 * started and ready for failover: the backup has announced itself to the live broker, so a client
 * that connected knows where to go when the live broker dies. {@link #killLive} kills the live
 * broker with SIGKILL and waits for the backup to serve; {@link #restartKilledAsBackup} brings the
 * killed one back as the backup of the new live broker. {@link #close} stops every broker started.
 */
public final class ArtemisPair implements AutoCloseable {

    private final Path folder;
    private final int primaryPort;
    private final int backupPort;
    private final ArtemisProcess primary;
    private final ArtemisProcess backup;
    private final List<ArtemisProcess> started = new ArrayList<>();

    private ArtemisPair(Path folder, int primaryPort, int backupPort) throws Exception {
        this.folder = folder;
        this.primaryPort = primaryPort;
        this.backupPort = backupPort;
        this.primary = ArtemisProcess.primary(folder.resolve("primary"), store(), primaryPort, backupPort);
        started.add(primary);
        this.backup = ArtemisProcess.backup(folder.resolve("backup"), store(), backupPort, primaryPort);
        started.add(backup);
    }

    public static ArtemisPair start(Path folder) throws Exception {
        ArtemisPair pair = new ArtemisPair(folder, ArtemisProcess.freePort(), ArtemisProcess.freePort());
        try {
            pair.awaitBackupAnnounced();
            return pair;
        } catch (Exception | AssertionError e) {
            pair.close();
            throw e;
        }
    }

    /** The gateway's {@code broker.url} for this pair. */
    public String url() {
        return ArtemisProcess.pairUrl(primaryPort, backupPort);
    }

    /** SIGKILL to the live (first) broker; returns once the backup serves. */
    public Duration killLive() throws Exception {
        long start = System.nanoTime();
        primary.kill();
        backup.await("LIVE", Duration.ofSeconds(60));
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** The killed broker again, on its port, as the backup of the broker now live. */
    public void restartKilledAsBackup() throws Exception {
        started.add(ArtemisProcess.backup(folder.resolve("primary-again"), store(), primaryPort, backupPort));
    }

    private Path store() {
        return folder.resolve("store");
    }

    // A client fails over only to a backup the live broker has told it about.
    private void awaitBackupAnnounced() throws Exception {
        try (ServerLocator locator = ActiveMQClient.createServerLocator(url());
             ClientSessionFactory factory = locator.createSessionFactory()) {
            Await.until("the backup announced to the live broker", Duration.ofSeconds(60),
                    () -> locator.getTopology().getMembers().stream().anyMatch(member -> member.getBackup() != null));
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }
}
