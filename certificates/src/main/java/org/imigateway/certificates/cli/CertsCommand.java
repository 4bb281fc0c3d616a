package org.imigateway.certificates.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code certs}: the test PKI of IMI Gateway from the command line. Runs on its own through
 * {@link CertsMain} or as a subcommand of the gateway's command.
 */
@Command(name = "certs",
        mixinStandardHelpOptions = true,
        description = "Creates and maintains the test PKI: CA, access point certificates, CRL.",
        subcommands = {InitCommand.class, IssueCommand.class, RevokeCommand.class, ShowCommand.class})
public class CertsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: init, issue, revoke or show");
    }
}
