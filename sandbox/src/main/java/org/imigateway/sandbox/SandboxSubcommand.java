package org.imigateway.sandbox;

import org.imigateway.cli.ExtraCommand;

/** {@code imi-gateway sandbox}: the sandbox's command under the gateway's (META-INF/services). */
public final class SandboxSubcommand implements ExtraCommand {

    @Override
    public String name() {
        return "sandbox";
    }

    @Override
    public Object command() {
        return new SandboxCommand();
    }
}
