package org.imigateway.conformance.wire;

import java.util.Optional;

/** An eb:Property of MessageProperties or PartProperties; {@code type} is optional in ebMS 3.0 / AS4. */
public record Property(String name, String value, Optional<String> type) {

    public static Property of(String name, String value) {
        return new Property(name, value, Optional.empty());
    }

    public static Property typed(String name, String value, String type) {
        return new Property(name, value, Optional.of(type));
    }
}
