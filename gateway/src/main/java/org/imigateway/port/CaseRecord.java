package org.imigateway.port;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A case as personal-data protection sees it: the authorities taking part, when it opened and
 * closed, and when its payloads were blocked and deleted.
 *
 * @param filesPending deleted, but some files may still be on disk (a run stopped in between)
 */
public record CaseRecord(CaseKey key, Set<String> participants, Instant openedAt, Optional<Instant> closedAt,
        Optional<Instant> blockedAt, Optional<Instant> deletedAt, boolean filesPending) {

    public CaseRecord {
        participants = Set.copyOf(participants);
    }

    public boolean takesPart(String authority) {
        return participants.contains(authority);
    }
}
