package org.imigateway.broker;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * One external Artemis broker for tests, in its own JVM ({@link ArtemisNode}), configured from the
 * shipped template {@code src/main/dist/artemis/broker.xml} with {@code ha-primary.xml} or
 * {@code ha-backup.xml} as its {@code ha-policy.xml}, and one JAAS user with the role
 * {@code imi-gateway}. A pair shares its store folder. The JVM is killed with SIGKILL on {@link #kill}
 * and stopped on {@link #close}.
 */
public final class ArtemisProcess implements AutoCloseable {

    public static final String USER = "imi";
    public static final String PASSWORD = "imi-secret";
    private static final Path TEMPLATE = Path.of("src/main/dist/artemis");

    private final Path instance;
    private final Process process;

    private ArtemisProcess(Path instance, Process process) {
        this.instance = instance;
        this.process = process;
    }

    /** A free loopback port, for the acceptors of a broker about to start. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The URL a gateway uses for a primary/backup pair on these ports. */
    public static String pairUrl(int primaryPort, int backupPort) {
        return "(tcp://127.0.0.1:" + primaryPort + ",tcp://127.0.0.1:" + backupPort + ")?ha=true&reconnectAttempts=-1";
    }

    /** Starts a primary on {@code port} (its peer, a backup, on {@code peerPort}) and waits until it is live. */
    public static ArtemisProcess primary(Path instance, Path store, int port, int peerPort) throws Exception {
        return start(instance, store, port, peerPort, "ha-primary.xml", UnaryOperator.identity(), "LIVE");
    }

    /** Starts a backup on {@code port} for the primary on {@code peerPort}; returns once it waits for the store. */
    public static ArtemisProcess backup(Path instance, Path store, int port, int peerPort) throws Exception {
        return start(instance, store, port, peerPort, "ha-backup.xml", UnaryOperator.identity(), "STARTED");
    }

    /** A single live broker whose broker.xml is the template changed by {@code edit}. */
    public static ArtemisProcess single(Path instance, int port, UnaryOperator<String> edit) throws Exception {
        return start(instance, instance.resolve("store"), port, freePort(), "ha-primary.xml", edit, "LIVE");
    }

    private static ArtemisProcess start(Path instance, Path store, int port, int peerPort, String haPolicy,
            UnaryOperator<String> edit, String awaited) throws Exception {
        Files.createDirectories(instance);
        Files.writeString(instance.resolve("broker.xml"), edit.apply(Files.readString(TEMPLATE.resolve("broker.xml"))));
        Files.copy(TEMPLATE.resolve(haPolicy), instance.resolve("ha-policy.xml"));
        // What `artemis create --user imi --password ... --role imi-gateway --require-login` writes.
        Files.writeString(instance.resolve("login.config"), """
                activemq {
                  org.apache.activemq.artemis.spi.core.security.jaas.PropertiesLoginModule required
                    org.apache.activemq.jaas.properties.user="users.properties"
                    org.apache.activemq.jaas.properties.role="roles.properties";
                };
                """);
        Files.writeString(instance.resolve("users.properties"), USER + "=" + PASSWORD + "\n");
        Files.writeString(instance.resolve("roles.properties"), "imi-gateway=" + USER + "\n");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "-Djava.security.auth.login.config=" + instance.resolve("login.config"),
                "-Dartemis.instance.etc=" + instance.toAbsolutePath(),
                "-Dimi.broker.name=" + instance.getFileName(),
                "-Dimi.broker.port=" + port,
                "-Dimi.broker.peer.port=" + peerPort,
                "-Dimi.broker.data=" + store.toAbsolutePath(),
                "-Dimi.broker.cluster.password=pair-secret",
                ArtemisNode.class.getName(), instance.toAbsolutePath().toString()));
        Path log = instance.resolve("broker.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        ArtemisProcess broker = new ArtemisProcess(instance, process);
        broker.await(awaited, Duration.ofSeconds(60));
        return broker;
    }

    /** Waits until the broker's output has a line {@code marker} ({@code STARTED} or {@code LIVE}). */
    public void await(String marker, Duration patience) throws Exception {
        Instant deadline = Instant.now().plus(patience);
        while (!Files.readAllLines(instance.resolve("broker.log")).contains(marker)) {
            assertTrue(process.isAlive(), "broker " + instance + " died:\n" + log());
            assertTrue(Instant.now().isBefore(deadline), "broker " + instance + " not " + marker + " after " + patience
                    + ":\n" + log());
            Thread.sleep(100);
        }
    }

    public String log() throws IOException {
        return Files.readString(instance.resolve("broker.log"));
    }

    /** SIGKILL: no shutdown hook, the store's lock goes with the process. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
