package org.imigateway.architecture.forbidden;

import org.imigateway.testsupport.FreePort;

/** Stands in production code's place and imports test support: {@code ArchitectureTest} shows its rule catches it. */
public final class ImportsTestSupport {

    public int port() {
        return FreePort.onLoopback();
    }
}
