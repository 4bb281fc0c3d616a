package org.imigateway.architecture.cycle.b;

import org.imigateway.architecture.cycle.a.First;

/** The other half of the deliberate package cycle. */
public final class Second {

    public First back() {
        return new First();
    }
}
