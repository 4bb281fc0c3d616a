package org.imigateway.pmode;

import java.util.Objects;

/** An ebMS party id with its type, e.g. {@code gw-a} of type {@code ...partyid-type:unregistered}. */
public record PartyId(String value, String type) {

    public PartyId {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(type, "type");
    }

    @Override
    public String toString() {
        return type.isEmpty() ? value : type + "::" + value;
    }
}
