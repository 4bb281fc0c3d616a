package org.imigateway.cli;

import java.util.logging.Level;

import org.imigateway.certificates.cli.CertsCommand;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code imi-gateway}: the one command of the product; each job is a subcommand. The sandbox and
 * the conformance suite join as {@link ExtraCommand}s when their jars are on the class path.
 */
@Command(name = "imi-gateway",
        mixinStandardHelpOptions = true,
        versionProvider = ImiGatewayCommand.Version.class,
        description = "eDelivery AS4 access point and administrative cooperation hub.",
        subcommands = {DemoCommand.class, InitCommand.class, ServeCommand.class, SendCommand.class, StatusCommand.class, ResendCommand.class,
                TokenCommand.class, PartnerCommand.class, DirectoryCommand.class, AuditCommand.class, PayloadCommand.class,
                CertsCommand.class, DiscoverCommand.class,
                MessagesCommand.class})
public final class ImiGatewayCommand implements Runnable {

    /**
     * Default of every {@code --home}: the environment's {@code IMI_HOME} (as the systemd unit sets it),
     * else {@code ./imi-home}.
     */
    static final String DEFAULT_HOME = "${env:IMI_HOME:-./imi-home}";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Without a command there is nothing to do: a usage error (exit 2) with the list of commands, as scripts expect. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "imi-gateway needs a command (below);"
                + " `imi-gateway COMMAND --help` describes one");
    }

    public static void main(String[] args) {
        quietLibraries();
        int exit = commandLine().execute(args);
        if (exit != 0 || args.length == 0 || !"serve".equals(args[0])) {
            System.exit(exit);
        }
    }

    /** The commands with the error handling {@link #main} uses: known failures as one line, not a stack trace. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new ImiGatewayCommand());
        ExtraCommands.addTo(commandLine);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            // Configuration problems already say which file and setting; a stack trace adds nothing.
            if (e instanceof org.imigateway.config.ConfigException || e instanceof org.imigateway.pmode.PModeException) {
                cmd.getErr().println(e.getMessage());
                return ExitCodes.REFUSED;
            }
            // An endpoint that is not the gateway: why, and that no credentials were sent, is the whole story.
            if (e instanceof org.imigateway.ops.UntrustedJmxServerException) {
                cmd.getErr().println("refused to log in to remote JMX: " + e.getMessage());
                return ExitCodes.UNREACHABLE;
            }
            // The embedded database and broker admit one process per home: the usual cause is a
            // gateway of this home that is already running.
            if (e instanceof org.imigateway.store.StoreException || e instanceof org.imigateway.broker.BrokerException) {
                cmd.getErr().println(e.getMessage() + "\n(is the gateway of this home already running? Then reach it:"
                        + " `imi-gateway send --gateway HOME ...` and `status --gateway HOME MESSAGE_ID` through its"
                        + " submission endpoint (submit.port), `imi-gateway status --home HOME` over remote JMX)");
                return ExitCodes.UNREACHABLE;
            }
            throw e;
        });
        // A failure nobody foresaw (its stack trace printed) is a failed command, not a usage error.
        commandLine.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? ExitCodes.USAGE
                : ExitCodes.REFUSED);
        return commandLine;
    }

    /** The version the build wrote into the jar's manifest (Implementation-Version). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ImiGatewayCommand.class.getPackage().getImplementationVersion();
            return new String[] {"IMI Gateway " + (version != null ? version : "(unknown version: not run from its jar)"),
                    "Java " + Runtime.version() + " (" + System.getProperty("java.home") + ")"};
        }
    }

    /** Santuario logs a warning per attachment reference through JUL; it says nothing an operator can act on. */
    static void quietLibraries() {
        java.util.logging.Logger.getLogger("org.apache.xml.security").setLevel(Level.SEVERE);
        java.util.logging.Logger.getLogger("org.apache.jcp.xml.dsig").setLevel(Level.SEVERE);
    }
}
