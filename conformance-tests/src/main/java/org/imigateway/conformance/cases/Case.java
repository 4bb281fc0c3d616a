package org.imigateway.conformance.cases;

import java.util.Set;

/**
 * One named conformance case: the TAD assertion it checks (or the IMI behaviour), the role the
 * target plays, what it needs beyond the wire, and its probe.
 */
public record Case(String id, String assertion, String title, Role role, Scope scope, Set<Need> needs, Probe probe) {

    public Case {
        needs = Set.copyOf(needs);
    }
}
