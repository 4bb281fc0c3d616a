package org.imigateway.architecture.cycle.a;

import org.imigateway.architecture.cycle.b.Second;

/** Half of a deliberate package cycle: {@code ArchitectureTest} shows its rule catches it. */
public final class First {

    public Second next() {
        return new Second();
    }
}
