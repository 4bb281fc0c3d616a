import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;

/**
 * Runs one Artemis broker of the recipe's live/backup pair from an instance folder, as the
 * distribution's {@code artemis run} would: {@code broker.xml} (which includes {@code ha-policy.xml})
 * and the JAAS users named by {@code -Djava.security.auth.login.config}. cluster.sh launches this
 * file with the Artemis server that ships beside imi-gateway.jar, so the recipe needs no download;
 * on real machines use the Artemis distribution with the same files (docs/broker.md).
 * Prints "waiting" while a backup waits for the shared store's lock and "live" once it serves.
 */
public final class ArtemisBroker {

    public static void main(String[] args) throws Exception {
        Path instance = Path.of(args[0]).toAbsolutePath();
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ()
                .setConfigResourcePath(instance.resolve("broker.xml").toUri().toString())
                .setPropertiesResourcePath(null)
                .setSecurityManager(new ActiveMQJAASSecurityManager("activemq"));
        broker.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.stop();
            } catch (Exception e) {
                System.err.println("broker stop: " + e);
            }
        }));
        System.out.println("broker " + instance.getFileName() + " waiting");
        while (!broker.getActiveMQServer().waitForActivation(1, TimeUnit.SECONDS)) {
            // the backup's turn comes when the live broker's lock on the shared store is released
        }
        System.out.println("broker " + instance.getFileName() + " live");
        Thread.currentThread().join();
    }
}
