package org.imigateway.architecture.hub;

import org.imigateway.connectors.GatewayPort;
import org.imigateway.port.Transactions;

/** Stands in the hub's place and uses only what it may: {@code ArchitectureTest} shows its rule lets it be. */
public final class UsesThePorts {

    public Class<?>[] ports() {
        return new Class<?>[] {Transactions.class, GatewayPort.class};
    }
}
