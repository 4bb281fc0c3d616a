package org.imigateway.port;

import java.util.Optional;

/** The partner access points in the PModes in force, as the hub names them. */
@FunctionalInterface
public interface Partners {

    /** The PMode party name of the access point with this party id (of any type), when the PModes know it. */
    Optional<String> partyName(String partyId);
}
