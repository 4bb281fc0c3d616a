package org.imigateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.imigateway.demo.DemoNetwork;
import org.imigateway.testsupport.Await;
import org.imigateway.testsupport.GatewayHome;

/**
 * Gateways on loopback for a test: a demo network whose gateways start on demand and stop with it.
 * It builds {@link Gateway}s, so it stays in the gateway's tests; what needs no Gateway (homes,
 * PKI, ports, waiting) is in imi-test-support.
 */
public final class TestNetwork implements AutoCloseable {

    private final DemoNetwork network;
    private final Map<String, Gateway> running = new LinkedHashMap<>();

    private TestNetwork(DemoNetwork network) {
        this.network = network;
    }

    public static TestNetwork create(Path dir, String... parties) throws Exception {
        return new TestNetwork(DemoNetwork.create(dir, List.of(parties), false));
    }

    public static TestNetwork createHttps(Path dir, String... parties) throws Exception {
        return new TestNetwork(DemoNetwork.create(dir, List.of(parties), true));
    }

    public DemoNetwork plan() {
        return network;
    }

    /** Adds a leg (XML of one {@code <leg>} element) to the PModes of every home; call before starting. */
    public void addLeg(String legXml) throws IOException {
        for (Path home : network.homes().values()) {
            GatewayHome.at(home).addLeg(legXml);
        }
    }

    public Gateway start(String party) throws Exception {
        Gateway gateway = Gateway.start(network.home(party));
        running.put(party, gateway);
        return gateway;
    }

    public Gateway gateway(String party) {
        return running.get(party);
    }

    public void stop(String party) {
        Gateway gateway = running.remove(party);
        if (gateway != null) {
            gateway.close();
        }
    }

    /** Waits until the gateway's default backend holds the message, and returns its folder. */
    public static Path awaitDelivered(Gateway gateway, String messageId) throws InterruptedException {
        Path folder = gateway.inbox().folderOf(messageId);
        Await.until("delivery of message " + messageId + " to " + gateway.partyName() + "'s backend",
                Duration.ofSeconds(30), () -> Files.exists(folder));
        return folder;
    }

    @Override
    public void close() {
        for (Gateway gateway : running.values()) {
            gateway.close();
        }
        running.clear();
    }
}
