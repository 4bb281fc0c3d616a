package org.imigateway.cli;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * Adds the {@link ExtraCommand}s found on the class path to {@code imi-gateway}. A command the
 * product ships in another jar and that is not on the class path (the gateway's jar run alone)
 * is still listed, and says where it runs from.
 */
final class ExtraCommands {

    /** The commands shipped beside the gateway, and where each runs from. */
    private static final Map<String, String> SHIPPED = Map.of(
            "sandbox", "the training sandbox: bin/imi-gateway sandbox of the distribution"
                    + " (distribution/target/imi-gateway-<version>.tar.gz), or java -jar sandbox/target/imi-sandbox.jar",
            "conformance", "the conformance suite: bin/imi-gateway conformance of the distribution"
                    + " (distribution/target/imi-gateway-<version>.tar.gz), or java -jar conformance-tests/target/imi-conformance.jar");

    private ExtraCommands() {
    }

    static void addTo(CommandLine commandLine) {
        Map<String, CommandLine> commands = new TreeMap<>();
        for (ExtraCommand extra : ServiceLoader.load(ExtraCommand.class)) {
            CommandLine command = new CommandLine(extra.command());
            // its usage says "imi-gateway sandbox", not the name of its own jar's command
            command.getCommandSpec().name(extra.name());
            commands.put(extra.name(), command);
        }
        SHIPPED.forEach((name, where) -> commands.computeIfAbsent(name, n -> NotInstalled.commandLine(where)));
        commands.forEach(commandLine::addSubcommand);
    }

    /** Stands for a shipped command whose jar is not on the class path: names where it is, exit 2. */
    @Command
    static final class NotInstalled implements Callable<Integer> {

        /** Whatever follows the command's name: the answer is the same. */
        @Unmatched
        List<String> arguments;

        @Spec
        CommandSpec spec;

        private final String where;

        private NotInstalled(String where) {
            this.where = where;
        }

        static CommandLine commandLine(String where) {
            CommandLine commandLine = new CommandLine(new NotInstalled(where));
            commandLine.getCommandSpec().usageMessage().description("(not in this jar) " + where);
            return commandLine;
        }

        @Override
        public Integer call() {
            spec.commandLine().getErr().println("imi-gateway " + spec.name() + " is not in this jar (" + where + ")");
            return ExitCodes.USAGE;
        }
    }
}
