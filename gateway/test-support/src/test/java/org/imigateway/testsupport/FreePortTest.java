package org.imigateway.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** FreePort: ports below the kernel's ephemeral range, free, never the same twice. */
class FreePortTest {

    @Test
    void portsComeFromBelowTheEphemeralRangeAreFreeAndDistinct() throws Exception {
        int ephemeralLow = Integer.parseInt(
                Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim().split("\\s+")[0]);
        assertTrue(ephemeralLow > 1024, "ephemeral range starts at " + ephemeralLow);
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int port = FreePort.onLoopback();
            assertTrue(port < ephemeralLow, port + " is in the ephemeral range, which outgoing connections take from");
            try (ServerSocket server = new ServerSocket()) {
                server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            }
            ports.add(port);
        }
        assertEquals(50, ports.size());
    }
}
