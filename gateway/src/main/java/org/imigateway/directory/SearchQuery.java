package org.imigateway.directory;

import java.util.Optional;
import java.util.Set;

/** A directory search: text in any language (folded), narrowed by countries, areas, procedures; empty sets do not narrow. */
public record SearchQuery(Optional<String> text, Set<String> countries, Set<String> policyAreas, Set<String> procedures) {

    public SearchQuery {
        countries = Set.copyOf(countries);
        policyAreas = Set.copyOf(policyAreas);
        procedures = Set.copyOf(procedures);
    }

    public static SearchQuery text(String text) {
        return new SearchQuery(Optional.of(text), Set.of(), Set.of(), Set.of());
    }
}
