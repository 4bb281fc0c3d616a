package org.imigateway.conformance.run;

import java.util.Optional;

/**
 * The authorities the suite's party serves as a national access point, for the cooperation
 * cases against an IMI Gateway hub: the hub's directory must name the suite's party as their
 * access point, so the hub's answers come back to the suite.
 *
 * @param authority the authority the suite sends as (requests, alerts, repository queries,
 *        directory searches); granted the request, alert and repository procedures
 * @param peer a second authority the suite serves, of another country: the addressee of
 *        requests and the recipient of alerts
 * @param outsider an authority the suite serves that is granted the repository's procedure
 *        but whose country is outside the repository's access group
 * @param coordinator a coordinator the suite serves: the one the hub must pass the registration
 *        of a new authority of its country, granted the request procedure, to
 * @param forwardee a third authority the suite serves, granted the request and notification
 *        procedures: the peer forwards a request to it, and notifications go to it and the peer
 */
public record ImiAuthorities(Optional<String> authority, Optional<String> peer, Optional<String> outsider,
        Optional<String> coordinator, Optional<String> forwardee) {

    public ImiAuthorities(Optional<String> authority, Optional<String> peer, Optional<String> outsider,
            Optional<String> coordinator) {
        this(authority, peer, outsider, coordinator, Optional.empty());
    }

    public static ImiAuthorities none() {
        return new ImiAuthorities(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
