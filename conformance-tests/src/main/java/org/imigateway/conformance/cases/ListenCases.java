package org.imigateway.conformance.cases;

import java.util.List;

/** The cases where the target sends and the suite listens. */
public final class ListenCases {

    private ListenCases() {
    }

    public static List<Case> all() {
        return List.of();
    }
}
