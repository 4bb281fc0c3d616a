package org.imigateway.testsupport.phase4;

import java.util.Objects;
import java.util.Optional;

/** An ebMS message property; {@code type} is the optional {@code type} attribute. */
public record Phase4Property(String name, String value, Optional<String> type) {

    public static final String ORIGINAL_SENDER = "originalSender";
    public static final String FINAL_RECIPIENT = "finalRecipient";

    public Phase4Property {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(type, "type");
    }

    public static Phase4Property of(String name, String value) {
        return new Phase4Property(name, value, Optional.empty());
    }

    public static Phase4Property of(String name, String value, String type) {
        return new Phase4Property(name, value, Optional.of(type));
    }
}
