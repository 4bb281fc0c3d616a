package org.imigateway.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.imigateway.demo.DemoNetwork;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code init}: writes a set of gateway homes that know each other, with fresh certificates. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Create gateway homes on loopback that trust each other (a demo CA, keys, PModes, properties).")
public final class InitCommand implements Callable<Integer> {

    @Option(names = "--dir", required = true, description = "Folder to create; one home per party goes inside.")
    Path dir;

    @Option(names = "--party", required = true, description = "Party name (repeat for each gateway).")
    List<String> parties;

    @Option(names = "--https", description = "Use HTTPS endpoints (TLS 1.2/1.3) instead of HTTP.")
    boolean https;

    @Option(names = "--also-https", description = "Each gateway also receives on HTTPS (TLS 1.2/1.3) on a port of its"
            + " own, its endpoint staying HTTP: for a conformance suite's TLS cases.")
    boolean alsoHttps;

    @Option(names = "--host", paramLabel = "HOST", description = "Host name or address the gateways listen on and"
            + " name in their endpoints (default 127.0.0.1, localhost with --https); it is added to the TLS certificates.")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "Port of the first party; each further party takes"
            + " the next one (default: a free port each).")
    Integer port;

    @Override
    public Integer call() throws Exception {
        DemoNetwork.Listen listen;
        try {
            listen = new DemoNetwork.Listen(java.util.Optional.ofNullable(host), java.util.Optional.ofNullable(port), alsoHttps);
            DemoNetwork.check(parties.size(), https, listen);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return ExitCodes.USAGE;
        }
        if (Files.exists(dir) && Files.list(dir).findAny().isPresent()) {
            System.err.println(dir + " exists and is not empty; choose a new folder");
            return ExitCodes.REFUSED;
        }
        System.out.println("Generating a demo CA and RSA 3072 keys for " + parties.size() + " parties ...");
        DemoNetwork network = DemoNetwork.create(dir, parties, https, listen);
        for (String party : parties) {
            System.out.printf("  %-10s home %s, endpoint %s%s%n", party, network.home(party), network.endpoint(party),
                    network.alsoHttpsEndpoint(party).map(tls -> ", also " + tls).orElse(""));
        }
        System.out.println("Every store's password is " + DemoNetwork.DEMO_PASSWORD + " (a demo set-up: replace the keys"
                + " and passwords before production).");
        System.out.println("Start one with: imi-gateway serve --home " + network.home(parties.get(0)));
        System.out.println("Add a partner of another operator with: imi-gateway partner add --home "
                + network.home(parties.get(0)) + " ...");
        return ExitCodes.OK;
    }
}
