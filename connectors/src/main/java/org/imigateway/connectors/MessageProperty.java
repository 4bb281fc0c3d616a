package org.imigateway.connectors;

import java.util.Objects;
import java.util.Optional;

/** An ebMS message or part property: a name, a value and an optional type. */
public record MessageProperty(String name, String value, Optional<String> type) {

    public MessageProperty {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(type, "type");
        if (name.isBlank()) {
            throw new IllegalArgumentException("property name is empty");
        }
    }

    public static MessageProperty of(String name, String value) {
        return new MessageProperty(name, value, Optional.empty());
    }

    public static MessageProperty typed(String name, String value, String type) {
        return new MessageProperty(name, value, Optional.of(type));
    }
}
