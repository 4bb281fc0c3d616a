package org.imigateway.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.imigateway.config.GatewayConfig;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code resend}: puts failed messages back on the send queue of a running gateway, over remote JMX. */
@Command(name = "resend", mixinStandardHelpOptions = true,
        description = "Resend messages in SEND_FAILURE through a running gateway's remote JMX: the MessageIds given,"
                + " or every failed message to --party created since --since.")
public final class ResendCommand implements Callable<Integer> {

    @Option(names = "--home", defaultValue = ImiGatewayCommand.DEFAULT_HOME, description = "Gateway home folder (default: ${DEFAULT-VALUE}).")
    Path home;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Parameters(arity = "1..*", paramLabel = "MESSAGE_ID", description = "MessageIds to resend.")
        List<String> messageIds;

        @ArgGroup(exclusive = false)
        PartySince party;
    }

    static final class PartySince {
        @Option(names = "--party", required = true, description = "PMode party name of the receiver.")
        String name;

        @Option(names = "--since", required = true, description = "ISO-8601 instant, e.g. 2026-11-27T00:00:00Z.")
        String since;
    }

    @Override
    public Integer call() throws Exception {
        GatewayConfig config = GatewayConfig.load(home);
        Optional<GatewayJmxClient> running = GatewayJmxClient.connect(config);
        if (running.isEmpty()) {
            System.err.println("gateway '" + config.partyName() + "' is not reachable over remote JMX (is it running,"
                    + " with jmx.port and jmx.password in " + GatewayConfig.FILE + "?)");
            return ExitCodes.UNREACHABLE;
        }
        try (GatewayJmxClient client = running.get()) {
            if (target.party != null) {
                int resent = client.gateway().resendFailed(target.party.name, target.party.since);
                System.out.println("resent " + resent + " failed message(s) to " + target.party.name);
                return ExitCodes.OK;
            }
            int refused = 0;
            for (String id : target.messageIds) {
                try {
                    boolean resent = client.gateway().resend(id);
                    System.out.println(id + ": " + (resent ? "resent" : "not in SEND_FAILURE, left as it is"));
                    refused += resent ? 0 : 1;
                } catch (IllegalArgumentException e) {
                    System.out.println(id + ": " + e.getMessage());
                    refused++;
                }
            }
            return refused == 0 ? ExitCodes.OK : ExitCodes.REFUSED;
        } catch (IllegalArgumentException e) {
            // the gateway's answer to a malformed --since
            System.err.println(e.getMessage());
            return ExitCodes.USAGE;
        }
    }
}
