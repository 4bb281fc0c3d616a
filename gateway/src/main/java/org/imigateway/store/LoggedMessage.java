package org.imigateway.store;

import java.util.List;
import java.util.Optional;

import org.imigateway.connectors.MessageProperty;

/** A row of the message log with the message's properties, as {@code Gateway.search} answers. */
public record LoggedMessage(MessageRecord record, List<MessageProperty> properties) {

    public LoggedMessage {
        properties = List.copyOf(properties);
    }

    /** The value of a message property, if the message has it. */
    public Optional<String> property(String name) {
        return properties.stream().filter(p -> p.name().equals(name)).map(MessageProperty::value).findFirst();
    }
}
