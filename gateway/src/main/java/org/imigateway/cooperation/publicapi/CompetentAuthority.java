package org.imigateway.cooperation.publicapi;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.imigateway.procedure.Procedure;
import org.imigateway.procedure.Procedures;
import org.imigateway.directory.Authority;
import org.imigateway.directory.Directory;
import org.imigateway.directory.SearchQuery;

/**
 * Finds the authority a public submission goes to: active, granted the procedure, in the target
 * country. With a region, an authority of that region is preferred, else one without a region
 * (national competence); without a region, only a national one. Among equals the first by id,
 * so the same submission always goes to the same authority.
 */
public final class CompetentAuthority {

    /** The outcome: the authority, or why there is none. */
    public sealed interface Routing permits Found, NotFound {
    }

    public record Found(Authority authority) implements Routing {
    }

    public record NotFound(String field, String reason) implements Routing {
    }

    private final Procedures procedures;
    private final Directory directory;

    public CompetentAuthority(Procedures procedures, Directory directory) {
        this.procedures = procedures;
        this.directory = directory;
    }

    public Routing find(String procedureCode, String country, Optional<String> region) {
        Optional<Procedure> procedure = procedures.find(procedureCode);
        if (procedure.isEmpty()) {
            return new NotFound("procedure", "procedure '" + procedureCode + "' is not known at this hub");
        }
        if (!procedure.get().uses(Procedure.Exchange.SUBMISSION)) {
            return new NotFound("procedure", "procedure '" + procedureCode + "' does not take public submissions");
        }
        List<Authority> granted = directory.search(new SearchQuery(Optional.empty(), Set.of(country), Set.of(),
                Set.of(procedureCode)));
        if (granted.isEmpty()) {
            return new NotFound("country", "no active authority in country '" + country + "' is competent for procedure '"
                    + procedureCode + "'");
        }
        Comparator<Authority> preference = Comparator.comparingInt(a -> rank(a, region));
        Authority chosen = granted.stream().sorted(preference.thenComparing(Authority::id)).findFirst().orElseThrow();
        if (chosen.region().isPresent() && !chosen.region().equals(region)) {
            List<String> regions = granted.stream().flatMap(a -> a.region().stream()).distinct().sorted().toList();
            return new NotFound("region", region.map(r -> "no active authority in country '" + country + "', region '" + r
                    + "', nor a national one, is competent for procedure '" + procedureCode + "'")
                    .orElse("the authorities of country '" + country + "' competent for procedure '" + procedureCode
                            + "' are regional: name the region") + " (regions: " + String.join(", ", regions) + ")");
        }
        return new Found(chosen);
    }

    /** 0: the region asked for; 1: national (no region); 2: another region. */
    private static int rank(Authority authority, Optional<String> region) {
        if (region.isPresent() && authority.region().equals(region)) {
            return 0;
        }
        return authority.region().isEmpty() ? 1 : 2;
    }
}
