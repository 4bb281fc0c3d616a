package org.imigateway.architecture.hub;

import org.imigateway.store.Database;

/** Stands in the hub's place and reaches past the ports into the store: {@code ArchitectureTest} shows its rule catches it. */
public final class ReachesTheStore {

    public Class<?> database() {
        return Database.class;
    }
}
