package org.imigateway.cooperation.publicapi;

import java.util.Optional;

/**
 * Where a public submission is, as its submitter may see it.
 *
 * @param state  RECEIVED (stored, not yet sent on), FORWARDED (sent on, no receipt yet),
 *               DELIVERED (the authority's access point acknowledged it), FAILED (with a reason)
 * @param reason why it failed; empty otherwise
 */
public record SubmissionStatus(String trackingId, State state, String authority, String country, Optional<String> reason) {

    public enum State { RECEIVED, FORWARDED, DELIVERED, FAILED }
}
