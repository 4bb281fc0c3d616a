package org.imigateway.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** A TCP port on loopback that nothing listens on right now, for a server a test configures before it starts. */
public final class FreePort {

    /** Ports below the kernel's ephemeral range, which outgoing connections never get: as many as this. */
    private static final int SPAN = 10_000;
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private FreePort() {
    }

    /**
     * A free loopback port below the kernel's range of ephemeral ports. A port the system handed
     * out for {@code bind(0)} and that was released comes from that range, and before the server
     * binds it (a child JVM, seconds later) the kernel may give it to any outgoing connection of
     * the machine as its local port: with the other test fork's HTTP, JDBC and broker connections
     * that happened (a cluster node's "Address already in use"). Below the range only a server
     * binds; one of another test JVM choosing the same port is a chance of one in ten thousand, and
     * the caller's bind failing then names it. Never the same port twice in one JVM.
     */
    public static synchronized int onLoopback() {
        int low = ephemeralLow() - SPAN;
        for (int attempt = 0; low > 1024 && attempt < 100; attempt++) {
            int port = low + ThreadLocalRandom.current().nextInt(SPAN);
            if (HANDED_OUT.contains(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
                HANDED_OUT.add(port);
                return port;
            } catch (IOException taken) {
                // in use: another
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free TCP port on loopback", e);
        }
    }

    /** The first port of Linux's ephemeral range; 32768 elsewhere (and the range's default there). */
    private static int ephemeralLow() {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        // readLine, not readString: a /proc file reports size 0, and readString returned its first byte only
        try (java.io.BufferedReader in = Files.newBufferedReader(range)) {
            return Integer.parseInt(in.readLine().trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }
}
