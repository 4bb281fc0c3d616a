package org.imigateway.route;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What operators steer about sending, per party (PMode party name): whether sending to it is
 * paused, and how many sends to it failed in a row. The send route asks and reports here; the
 * gateway MBeans read and change it.
 */
public final class SendControl {

    private final Set<String> paused = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> consecutiveFailures = new ConcurrentHashMap<>();

    public boolean isPaused(String party) {
        return paused.contains(party);
    }

    /** Returns false when sending to the party was already paused. */
    public boolean pause(String party) {
        return paused.add(party);
    }

    /** Returns false when sending to the party was not paused. */
    public boolean resume(String party) {
        return paused.remove(party);
    }

    public Set<String> pausedParties() {
        return Set.copyOf(paused);
    }

    /** A POST to the party failed (a retry may follow). */
    public void sendFailed(String party) {
        consecutiveFailures.merge(party, 1, Integer::sum);
    }

    /** A POST to the party was acknowledged: its run of failures is over. */
    public void sendSucceeded(String party) {
        consecutiveFailures.put(party, 0);
    }

    public Map<String, Integer> consecutiveFailures() {
        return new TreeMap<>(consecutiveFailures);
    }
}
