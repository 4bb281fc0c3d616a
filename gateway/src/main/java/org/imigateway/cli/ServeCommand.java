package org.imigateway.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.imigateway.Gateway;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code serve}: runs one gateway until it is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the gateway of a home until stopped (Ctrl-C).")
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--home", defaultValue = "./imi-home", description = "Gateway home folder (default: ${DEFAULT-VALUE}).")
    Path home;

    @Override
    public Integer call() throws Exception {
        Gateway gateway = Gateway.start(home);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            stopped.countDown();
        }, "shutdown"));
        System.out.println("gateway '" + gateway.partyName() + "' receiving at " + String.join(", ", gateway.endpoints())
                + "; received messages go to " + gateway.inbox().folder());
        stopped.await();
        return 0;
    }
}
