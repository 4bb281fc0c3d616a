package org.imigateway.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code imi-bench}: the load driver, the cryptographic floor, the large-payload run, the fan-out and the CPU breakdown of JFR recordings. */
@Command(name = "imi-bench", mixinStandardHelpOptions = true,
        description = "Measures the IMI Gateway against phase4 and against the cryptographic floor; prints a table and"
                + " writes JSON. Prints figures, asserts nothing.",
        subcommands = {RunCommand.class, FloorCommand.class, LargeCommand.class, FanOutCommand.class, ProfileCommand.class,
                MessagesSearchCommand.class})
public final class BenchCommand {

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }
}
