package org.imigateway.route;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * HAProxy from Debian's package ({@code apt-get install haproxy}; {@code .ci/run} installs it) in
 * front of the AS4 ports of a cluster's nodes, round robin, each node checked with
 * {@code GET /health} on its admin port every second (out after two failures), as
 * {@code deploy/cluster/cluster.sh} configures it. Runs in the foreground as a child process.
 */
final class LoadBalancer implements AutoCloseable {

    /** A node behind the balancer: its AS4 port and its admin port. */
    record Backend(String name, int as4Port, int adminPort) {
    }

    private static final Path HAPROXY = Path.of("/usr/sbin/haproxy");

    private final Process process;
    private final Path log;

    private LoadBalancer(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static LoadBalancer start(Path folder, int port, List<Backend> backends) throws Exception {
        if (!Files.isExecutable(HAPROXY)) {
            throw new IllegalStateException(HAPROXY + " is missing: the cluster tests need Debian's haproxy"
                    + " (apt-get install haproxy, as .ci/run does)");
        }
        Files.createDirectories(folder);
        StringBuilder config = new StringBuilder("""
                global
                  maxconn 2000
                defaults
                  mode http
                  timeout connect 5s
                  timeout client 180s
                  timeout server 180s
                  option redispatch
                  retries 2
                frontend as4
                  bind 127.0.0.1:%d
                  default_backend nodes
                backend nodes
                  balance roundrobin
                  option httpchk GET /health
                  default-server inter 1s fall 2 rise 2
                """.formatted(port));
        for (Backend backend : backends) {
            config.append("  server ").append(backend.name()).append(" 127.0.0.1:").append(backend.as4Port())
                    .append(" check port ").append(backend.adminPort()).append('\n');
        }
        Path file = Files.writeString(folder.resolve("haproxy.cfg"), config);
        Path log = folder.resolve("haproxy.log");
        Process process = new ProcessBuilder(HAPROXY.toString(), "-db", "-f", file.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        LoadBalancer balancer = new LoadBalancer(process, log);
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

    String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
