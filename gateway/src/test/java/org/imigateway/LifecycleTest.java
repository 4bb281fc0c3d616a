package org.imigateway;

import static org.imigateway.GatewayParts.partsOf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts of a gateway stop in the reverse of their start, also when the start fails half-way. */
class LifecycleTest {

    @TempDir
    Path dir;

    @Test
    void partsStopInReverseAndAFailingStopDoesNotKeepTheOthersRunning() {
        List<String> stopped = new ArrayList<>();
        Lifecycle parts = new Lifecycle("test");
        parts.started("database", "db", () -> stopped.add("database"));
        parts.started("broker", "broker", () -> {
            stopped.add("broker");
            throw new IllegalStateException("stuck");
        });
        parts.started("routes", "routes", () -> stopped.add("routes"));

        parts.close();
        parts.close();

        assertEquals(List.of("routes", "broker", "database"), stopped, "each stopped once, last started first");
    }

    @Test
    void aGatewayWhosePortIsTakenFailsToStartAndLeavesItsHomeFreeForTheNextStart() throws Exception {
        Path home = TestNetwork.create(dir, "gw-a").plan().home("gw-a");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Files.writeString(home.resolve("config/gateway.properties"), "\nhttp.port=" + taken.getLocalPort() + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.APPEND);

            IOException failed = assertThrows(IOException.class, () -> Gateway.start(home));
            assertTrue(failed.getMessage().contains("the AS4 endpoint of 'gw-a' cannot start"), failed.getMessage());
        }
        // The database and the broker's journal of the failed start were released: the same home starts now.
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            try (Gateway gateway = Gateway.start(home)) {
                assertTrue(partsOf(gateway).httpPort() > 0);
                assertEquals(0, partsOf(gateway).messageLog().countByStatus().values().stream().mapToLong(Long::longValue).sum());
            }
        });
    }
}
