package org.imigateway.route;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.imigateway.testsupport.FreePort;

/**
 * HAProxy from Debian's package ({@code apt-get install haproxy}; {@code .ci/run} installs it) in
 * front of the AS4 ports of a cluster's nodes with the recipe's {@code deploy/cluster/haproxy.cfg}:
 * round robin, each node checked with {@code GET /health} on its admin port every second. Runs in
 * the foreground as a child process.
 */
final class LoadBalancer implements AutoCloseable {

    /** A node behind the balancer: its AS4 port and its admin port. */
    record Backend(String name, int as4Port, int adminPort) {
    }

    private static final Path HAPROXY = Path.of("/usr/sbin/haproxy");
    /** The recipe's configuration, so that the tests run the balancer users run. */
    private static final Path TEMPLATE = Path.of("../deploy/cluster/haproxy.cfg");

    private final Process process;

    private LoadBalancer(Process process) {
        this.process = process;
    }

    static LoadBalancer start(Path folder, int port, List<Backend> backends) throws Exception {
        if (!Files.isExecutable(HAPROXY)) {
            throw new IllegalStateException(HAPROXY + " is missing: the cluster tests need Debian's haproxy"
                    + " (apt-get install haproxy, as .ci/run does)");
        }
        Files.createDirectories(folder);
        StringBuilder config = new StringBuilder(Files.readString(TEMPLATE).replace("@FRONT@", Integer.toString(port))
                .replace("@STATS@", Integer.toString(FreePort.onLoopback())));
        for (Backend backend : backends) {
            config.append("  server ").append(backend.name()).append(" 127.0.0.1:").append(backend.as4Port())
                    .append(" check port ").append(backend.adminPort()).append('\n');
        }
        Path file = Files.writeString(folder.resolve("haproxy.cfg"), config);
        Path log = folder.resolve("haproxy.log");
        Process process = new ProcessBuilder(HAPROXY.toString(), "-db", "-f", file.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        LoadBalancer balancer = new LoadBalancer(process);
        Instant deadline = Instant.now().plusSeconds(30);
        while (!listening(port)) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                process.destroyForcibly();
                throw new IllegalStateException("HAProxy did not start on port " + port + ":\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
        return balancer;
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
