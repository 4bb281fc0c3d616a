package org.imigateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.imigateway.Gateway;
import org.imigateway.pmode.SecurityProfile;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.testsupport.GatewayHome;
import org.imigateway.demo.ImiLegs;

/**
 * A cooperation hub and one national access point per country of a {@link FanOutDirectory}, all
 * real gateways in this JVM on loopback, from one demo PKI: each has its own Derby, Artemis and
 * Jetty. The hub's directory is the fan-out directory; the IMI legs of every home use the
 * chosen security profile.
 */
final class FanOutNetwork implements AutoCloseable {

    static final String HUB = "hub";

    private final DemoNetwork plan;
    private final Map<String, Gateway> running = new LinkedHashMap<>();

    private FanOutNetwork(DemoNetwork plan) {
        this.plan = plan;
    }

    /**
     * Connections of each gateway to PostgreSQL: 28 gateways of the default 20 would ask for more
     * than the server admits (300); each runs a few transactions at a time here.
     */
    private static final int POOL_SIZE = 10;

    static FanOutNetwork create(Path dir, FanOutDirectory directory, SecurityProfile profile, BenchDatabase database)
            throws IOException {
        List<String> parties = new ArrayList<>(List.of(HUB));
        parties.addAll(directory.accessPoints());
        DemoNetwork plan = DemoNetwork.create(dir, parties, false);
        for (Path home : plan.homes().values()) {
            Path legs = home.resolve("config/pmodes").resolve(ImiLegs.FILE);
            Files.writeString(legs, Files.readString(legs).replace("profile=\"" + SecurityProfile.EDELIVERY_1_15.id() + "\"",
                    "profile=\"" + profile.id() + "\""));
            database.configure(home, POOL_SIZE);
        }
        GatewayHome.at(plan.home(HUB)).appendProperties("gateway.role=hub").writeConfig("directory/fan-out.xml", directory.xml());
        return new FanOutNetwork(plan);
    }

    /** Starts every gateway, the hub last, so that nothing it sends finds an access point still starting. */
    void start() throws Exception {
        List<String> order = new ArrayList<>(plan.homes().keySet().stream().filter(p -> !p.equals(HUB)).sorted().toList());
        order.add(HUB);
        for (String party : order) {
            running.put(party, Gateway.start(plan.home(party)));
        }
    }

    Gateway hub() {
        return gateway(HUB);
    }

    Gateway gateway(String party) {
        Gateway gateway = running.get(party);
        if (gateway == null) {
            throw new IllegalArgumentException("party " + party + " is not a running gateway of this network");
        }
        return gateway;
    }

    @Override
    public void close() {
        running.values().forEach(Gateway::close);
        running.clear();
    }
}
