package org.imigateway.conformance.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code imi-conformance}: the eDelivery AS4 conformance suite an integrator points at any access point. */
@Command(name = "imi-conformance", mixinStandardHelpOptions = true, version = "imi-conformance 0.1.0",
        description = "Black-box eDelivery AS4 conformance tests against any access point.",
        subcommands = {RunCommand.class, PrepareCommand.class, ListCommand.class})
public final class ImiConformanceCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Its usage under the name it runs as: {@code imi-conformance}, or {@code imi-gateway conformance}. */
    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ImiConformanceCommand()).execute(args));
    }
}
