package org.imigateway.connectors.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.imigateway.Gateway;
import org.imigateway.TestNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public interface, the admin port and the submission endpoint are built by HardenedServer
 * and take their {@code admission.public.*}, {@code admission.admin.*} and
 * {@code admission.submit.*} settings from gateway.properties.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PortLimitsTest {

    @TempDir
    static Path dir;
    static TestNetwork network;
    static Gateway hub;

    @BeforeAll
    static void startHub() throws Exception {
        network = TestNetwork.create(dir.resolve("net"), "hub");
        Files.writeString(network.plan().home("hub").resolve("config/gateway.properties"), String.join("\n",
                "gateway.role=hub",
                "public.enabled=true",
                "public.port=0",
                "public.clients=portal",
                "public.client.portal.apiKeySha256=" + "ab".repeat(32),
                "admin.port=0",
                "admission.public.maxConnectionsPerClient=3",
                "admission.admin.maxConnectionsPerClient=3",
                "submit.port=0",
                "submit.token.operator=" + "cd".repeat(32),
                "admission.submit.maxConnectionsPerClient=3", ""),
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        hub = network.start("hub");
    }

    @AfterAll
    static void stopHub() {
        network.close();
    }

    @Test
    void thePublicInterfaceClosesAClientsConnectionsOverItsShare() throws Exception {
        assertEquals(2, closedOfFive("127.0.0.8", hub.publicInterface().orElseThrow().port()));
    }

    @Test
    void thePublicInterfaceClosesAConnectionThatNeverCompletesItsRequest() throws Exception {
        try (SlowClient silent = SlowClient.connect("127.0.0.9", hub.publicInterface().orElseThrow().port())) {
            // Nothing is sent, not even a TLS hello: the header timeout (10 s) closes it, long
            // before the idle timeout (30 s) would.
            assertTrue(silent.closedByServerWithin(Duration.ofSeconds(20)));
        }
    }

    @Test
    void theAdminPortClosesAClientsConnectionsOverItsShare() throws Exception {
        assertEquals(2, closedOfFive("127.0.0.1", hub.adminPort()));
    }

    @Test
    void theSubmissionEndpointClosesAClientsConnectionsOverItsShare() throws Exception {
        assertEquals(2, closedOfFive("127.0.0.10", hub.submitPort()));
    }

    /** Opens five connections from one address and counts those the port closes. */
    private static int closedOfFive(String from, int port) throws IOException, InterruptedException {
        List<SlowClient> five = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                five.add(SlowClient.connect(from, port));
            }
            Thread.sleep(500);
            int closed = 0;
            for (SlowClient connection : five) {
                closed += connection.closedByServerWithin(Duration.ofMillis(200)) ? 1 : 0;
            }
            return closed;
        } finally {
            for (SlowClient connection : five) {
                connection.close();
            }
        }
    }
}
