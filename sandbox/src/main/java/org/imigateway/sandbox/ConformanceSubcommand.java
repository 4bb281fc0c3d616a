package org.imigateway.sandbox;

import org.imigateway.cli.ExtraCommand;
import org.imigateway.conformance.cli.ImiConformanceCommand;

/**
 * {@code imi-gateway conformance}: the conformance suite's command under the gateway's
 * (META-INF/services). It lives here because the suite does not depend on the gateway and the
 * sandbox depends on both.
 */
public final class ConformanceSubcommand implements ExtraCommand {

    @Override
    public String name() {
        return "conformance";
    }

    @Override
    public Object command() {
        return new ImiConformanceCommand();
    }
}
