package org.imigateway.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import java.nio.file.Files;

import org.imigateway.Gateway;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.config.GatewayConfig;
import org.imigateway.ops.JvmOptions;
import org.slf4j.LoggerFactory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code serve}: runs one gateway until it is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the gateway of a home until stopped (Ctrl-C).")
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--home", defaultValue = ImiGatewayCommand.DEFAULT_HOME, description = "Gateway home folder (default: ${DEFAULT-VALUE}).")
    Path home;

    @Option(names = "--party", defaultValue = "imi-gateway",
            description = "Party name for a home created on first start (default: ${DEFAULT-VALUE}).")
    String party;

    @Override
    public Integer call() throws Exception {
        if (!JvmOptions.exitsOnOutOfMemoryError()) {
            LoggerFactory.getLogger(ServeCommand.class).warn("this JVM runs without -XX:+ExitOnOutOfMemoryError: after an "
                    + "OutOfMemoryError the gateway would go on in an unknown state instead of exiting for its supervisor "
                    + "to restart it; start it with bin/imi-gateway, which sets the flag");
        }
        if (!Files.exists(home.resolve(GatewayConfig.FILE))) {
            System.out.println("No gateway home at " + home.toAbsolutePath() + ": creating the embedded default for party '"
                    + party + "' (demo CA, RSA 3072 keys, PModes, HTTP on 127.0.0.1:8080) ...");
            DemoNetwork.createHome(home, party);
        }
        System.out.println("Starting the gateway of " + home.toAbsolutePath() + " (database, broker, routes, endpoints) ...");
        Gateway gateway = Gateway.start(home);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            stopped.countDown();
        }, "shutdown"));
        System.out.println("gateway '" + gateway.partyName() + "' receiving at " + String.join(", ", gateway.endpoints())
                + "; " + gateway.destinations());
        stopped.await();
        return ExitCodes.OK;
    }
}
