package org.imigateway.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import org.imigateway.config.GatewayConfig;
import org.imigateway.ops.MessageReport;
import org.imigateway.store.Database;
import org.imigateway.store.DatabaseSettings;
import org.imigateway.store.Direction;
import org.imigateway.store.MessageLog;
import org.imigateway.store.MessageStatus;
import org.imigateway.store.StoreException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code status}: message counts by status, or where one message stands with its history. A
 * running gateway is asked over remote JMX (counts) or its submission endpoint (a message); a
 * stopped one's message log is opened directly.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Without MESSAGE_ID: message counts by status, from a running gateway over remote JMX (jmx.port in"
                + " gateway.properties), else from the message log of a stopped gateway's home. With MESSAGE_ID: its"
                + " status and history, from a running gateway or cluster (--url or --gateway, with an operator token)"
                + " or from a stopped home (--home). Exit 3 when no message has that MessageId.")
public final class StatusCommand implements Callable<Integer> {

    @Option(names = "--home", defaultValue = ImiGatewayCommand.DEFAULT_HOME, description = "Gateway home folder (default: ${DEFAULT-VALUE}).")
    Path home;

    @Mixin
    RemoteOptions remote;

    @Parameters(arity = "0..1", paramLabel = "MESSAGE_ID", description = "The message to report on.")
    String messageId;

    @Override
    public Integer call() throws Exception {
        if (messageId != null) {
            return remote.remote() ? messageFromRunning() : messageFromHome();
        }
        if (remote.url != null) {
            System.err.println("--url reports one message: name its MessageId (counts come over remote JMX: --home)");
            return ExitCodes.USAGE;
        }
        if (remote.gateway != null) {
            home = remote.gateway;
        }
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
            return ExitCodes.OK;
        }
        Map<String, Long> counts = new TreeMap<>();
        try (Database database = Database.open(DatabaseSettings.load(config))) {
            new MessageLog(database).countByStatus().forEach((status, count) -> counts.put(key(status), count));
        } catch (StoreException e) {
            System.err.println("cannot open the message log of " + home + " (is the gateway running without jmx.port?): "
                    + e.getMessage());
            return ExitCodes.UNREACHABLE;
        }
        print(counts);
        return ExitCodes.OK;
    }

    private int messageFromRunning() throws Exception {
        Optional<MessageReport> report;
        try {
            report = remote.connect().status(messageId);
        } catch (RemoteGateway.RemoteException e) {
            System.err.println(e.getMessage());
            return e.exitCode();
        }
        return print(report);
    }

    private int messageFromHome() throws Exception {
        GatewayConfig config = GatewayConfig.load(home);
        Optional<MessageReport> report;
        try (Database database = Database.open(DatabaseSettings.load(config))) {
            MessageLog log = new MessageLog(database);
            report = log.find(messageId, Direction.OUTBOUND).or(() -> log.find(messageId, Direction.INBOUND))
                    .map(record -> MessageReport.of(record, log.history(messageId, record.direction())));
        } catch (StoreException e) {
            System.err.println("cannot open the message log of " + home + " (is its gateway running? then ask it:"
                    + " status --gateway " + home + " " + messageId + "): " + e.getMessage());
            return ExitCodes.UNREACHABLE;
        }
        return print(report);
    }

    private int print(Optional<MessageReport> report) {
        if (report.isEmpty()) {
            System.err.println("no message has MessageId " + messageId);
            return ExitCodes.REFUSED;
        }
        report.get().print(System.out);
        return ExitCodes.OK;
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
