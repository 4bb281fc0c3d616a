package org.imigateway.architecture.nested;

import org.imigateway.architecture.nested.inner.Inner;

/** Half of a deliberate cycle between a package and its sub-package: {@code ArchitectureTest} shows its rule catches it. */
public final class Outer {

    public Inner inner() {
        return new Inner();
    }
}
