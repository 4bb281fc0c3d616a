package org.imigateway.architecture.forbidden;

import org.imigateway.cooperation.CooperationHub;

/** Stands in the access point's place and imports the hub: {@code ArchitectureTest} shows its rule catches it. */
public final class ImportsTheHub {

    public Class<?> hub() {
        return CooperationHub.class;
    }
}
