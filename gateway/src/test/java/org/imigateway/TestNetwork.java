package org.imigateway;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.imigateway.demo.DemoNetwork;

/** Gateways on loopback for a test: a demo network whose gateways start on demand and stop with it. */
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
    public void addLeg(String legXml) throws java.io.IOException {
        for (java.nio.file.Path home : network.homes().values()) {
            java.nio.file.Path file = home.resolve("config/pmodes/pmodes.xml");
            String xml = java.nio.file.Files.readString(file);
            java.nio.file.Files.writeString(file, xml.replace("</pmodes>", legXml + "\n</pmodes>"));
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
    public static java.nio.file.Path awaitDelivered(Gateway gateway, String messageId) throws InterruptedException {
        java.nio.file.Path folder = gateway.inbox().folderOf(messageId);
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (!java.nio.file.Files.exists(folder)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("message " + messageId + " was not delivered to " + gateway.partyName()
                        + "'s backend within 30 s");
            }
            Thread.sleep(20);
        }
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
