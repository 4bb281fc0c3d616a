package org.imigateway.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import org.imigateway.config.GatewayConfig;
import org.imigateway.store.Database;
import org.imigateway.store.DatabaseSettings;
import org.imigateway.store.MessageLog;
import org.imigateway.store.MessageStatus;
import org.imigateway.store.StoreException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code status}: message counts by status. A running gateway is asked over remote JMX (jmx.*
 * in its home); a stopped one's message log is opened directly.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Print message counts by status: from a running gateway over remote JMX (jmx.port in"
                + " gateway.properties), else from the message log of a stopped gateway's home.")
public final class StatusCommand implements Callable<Integer> {

    @Option(names = "--home", defaultValue = "./imi-home", description = "Gateway home folder (default: ${DEFAULT-VALUE}).")
    Path home;

    @Override
    public Integer call() throws Exception {
        GatewayConfig config = GatewayConfig.load(home);
        Optional<GatewayJmxClient> running = GatewayJmxClient.connect(config);
        if (running.isPresent()) {
            try (GatewayJmxClient client = running.get()) {
                System.out.println("gateway '" + config.partyName() + "' is running (over JMX)");
                print(client.gateway().getMessageCountsByStatus());
                if (!client.gateway().getPausedParties().isEmpty()) {
                    System.out.println("sending paused to: " + String.join(", ", client.gateway().getPausedParties()));
                }
                System.out.println("dead letters: " + client.gateway().getDeadLetterCount());
            }
            return 0;
        }
        Map<String, Long> counts = new TreeMap<>();
        try (Database database = Database.open(DatabaseSettings.load(config))) {
            new MessageLog(database).countByStatus().forEach((status, count) -> counts.put(key(status), count));
        } catch (StoreException e) {
            System.err.println("cannot open the message log of " + home + " (is the gateway running without jmx.port?): "
                    + e.getMessage());
            return 1;
        }
        print(counts);
        return 0;
    }

    private static String key(MessageStatus status) {
        return status.direction() + "/" + status;
    }

    private static void print(Map<String, Long> counts) {
        System.out.printf("%-18s %s%n", "status", "messages");
        for (MessageStatus status : MessageStatus.values()) {
            System.out.printf("%-18s %d%n", status, counts.getOrDefault(key(status), 0L));
        }
    }
}
