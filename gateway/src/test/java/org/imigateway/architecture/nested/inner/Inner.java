package org.imigateway.architecture.nested.inner;

import org.imigateway.architecture.nested.Outer;

/** The other half of the cycle with its parent package. */
public final class Inner {

    public Class<?> outer() {
        return Outer.class;
    }
}
