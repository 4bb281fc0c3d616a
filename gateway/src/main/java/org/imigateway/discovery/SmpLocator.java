package org.imigateway.discovery;

import java.net.URI;

/** Where a participant's SMP is: looked up in the SML ({@link BdxlLocator}) or one fixed URL. */
public interface SmpLocator {

    URI locate(ParticipantId participant) throws DiscoveryException;

    /** Every participant at one configured SMP ({@code discovery.smp.url}). */
    static SmpLocator fixed(URI smp) {
        return participant -> smp;
    }
}
