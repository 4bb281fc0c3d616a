package org.imigateway.testsupport.phase4;

import java.util.Objects;

/** An ebMS PartyId with its type; an empty type means the id is a URI and carries none. */
public record Phase4Party(String id, String type) {

    /** PartyId type for identifiers no registry issued (ebCore Party Id Type). */
    public static final String UNREGISTERED = "urn:oasis:names:tc:ebcore:partyid-type:unregistered";

    public Phase4Party {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        if (id.isBlank()) {
            throw new IllegalArgumentException("PartyId must not be blank");
        }
    }

    public static Phase4Party unregistered(String id) {
        return new Phase4Party(id, UNREGISTERED);
    }
}
