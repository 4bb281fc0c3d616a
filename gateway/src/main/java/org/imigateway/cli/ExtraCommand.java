package org.imigateway.cli;

/**
 * A subcommand of {@code imi-gateway} that another jar brings. Neither the training sandbox nor
 * the conformance suite can be a dependency of the gateway (the sandbox depends on it, the suite's
 * tests do), so the gateway cannot name their command classes; each provider names itself in
 * {@code META-INF/services/org.imigateway.cli.ExtraCommand}, and
 * {@link ImiGatewayCommand#commandLine()} adds what {@link java.util.ServiceLoader} finds on the
 * class path (the distribution's {@code lib/} has both).
 */
public interface ExtraCommand {

    /** The subcommand's name: {@code imi-gateway NAME ...}. */
    String name();

    /** The picocli command object (a {@code @Command} class's instance) that runs it. */
    Object command();
}
