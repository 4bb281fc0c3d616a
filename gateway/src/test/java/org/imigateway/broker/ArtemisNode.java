package org.imigateway.broker;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;

/**
 * An Artemis broker in a JVM of its own, as {@code artemis run} starts one: the instance folder's
 * {@code broker.xml} (with its {@code ha-policy.xml}) and JAAS users from {@code login.config}. Prints
 * {@code STARTED} once running (a backup is then waiting for the store) and {@code LIVE} once it serves.
 * {@link ArtemisProcess} starts it and kills it with SIGKILL.
 */
public final class ArtemisNode {

    private ArtemisNode() {
    }

    public static void main(String[] args) throws Exception {
        Path instance = Path.of(args[0]);
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ()
                .setConfigResourcePath(instance.resolve("broker.xml").toUri().toString())
                .setPropertiesResourcePath(null)
                .setSecurityManager(new ActiveMQJAASSecurityManager("activemq"));
        broker.start();
        System.out.println("STARTED");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.stop();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }));
        while (!broker.getActiveMQServer().waitForActivation(1, TimeUnit.SECONDS)) {
            // a backup waits here until the primary's lock on the shared store is free
        }
        System.out.println("LIVE");
        Thread.currentThread().join();
    }
}
