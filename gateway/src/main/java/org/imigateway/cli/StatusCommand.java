package org.imigateway.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.imigateway.config.GatewayConfig;
import org.imigateway.store.Database;
import org.imigateway.store.MessageLog;
import org.imigateway.store.MessageStatus;
import org.imigateway.store.StoreException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code status}: message counts by status from the message log of a stopped gateway's home. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Print message counts by status from a gateway home's message log (the gateway must be stopped;"
                + " the embedded database admits one process at a time).")
public final class StatusCommand implements Callable<Integer> {

    @Option(names = "--home", defaultValue = "./imi-home", description = "Gateway home folder (default: ${DEFAULT-VALUE}).")
    Path home;

    @Override
    public Integer call() throws Exception {
        GatewayConfig config = GatewayConfig.load(home);
        Map<MessageStatus, Long> counts;
        try (Database database = Database.open(config.dataDir().resolve("derby"))) {
            counts = new MessageLog(database).countByStatus();
        } catch (StoreException e) {
            System.err.println("cannot open the message log of " + home + " (is the gateway running?): " + e.getMessage());
            return 1;
        }
        System.out.printf("%-18s %s%n", "status", "messages");
        for (MessageStatus status : MessageStatus.values()) {
            System.out.printf("%-18s %d%n", status, counts.getOrDefault(status, 0L));
        }
        return 0;
    }
}
