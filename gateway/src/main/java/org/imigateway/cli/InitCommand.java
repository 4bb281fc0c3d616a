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

    @Override
    public Integer call() throws Exception {
        if (Files.exists(dir) && Files.list(dir).findAny().isPresent()) {
            System.err.println(dir + " exists and is not empty; choose a new folder");
            return 1;
        }
        System.out.println("Generating a demo CA and RSA 3072 keys for " + parties.size() + " parties ...");
        DemoNetwork network = DemoNetwork.create(dir, parties, https);
        for (String party : parties) {
            System.out.printf("  %-10s home %s, endpoint %s%n", party, network.home(party), network.endpoint(party));
        }
        System.out.println("Start one with: imi-gateway serve --home " + network.home(parties.get(0)));
        return 0;
    }
}
