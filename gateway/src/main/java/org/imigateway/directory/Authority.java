package org.imigateway.directory;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A competent authority: where it is, its names by language, the access point (PMode party)
 * that serves its national system, and the procedures granted to it by policy area.
 */
public record Authority(String id, String country, Map<String, String> names, Optional<String> region,
        String accessPoint, AuthorityStatus status, Map<String, Set<String>> grants) {

    public Authority {
        names = Map.copyOf(names);
        grants = Map.copyOf(grants);
    }

    public boolean isGranted(String procedure) {
        return grants.values().stream().anyMatch(p -> p.contains(procedure));
    }

    public Set<String> policyAreas() {
        return new TreeMap<>(grants).keySet();
    }

    public Authority withStatus(AuthorityStatus next) {
        return new Authority(id, country, names, region, accessPoint, next, grants);
    }

    /** A name for messages: English if there is one, else any. */
    public String displayName() {
        return names.getOrDefault("en", names.values().stream().findFirst().orElse(id));
    }
}
