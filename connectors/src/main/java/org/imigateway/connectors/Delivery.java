package org.imigateway.connectors;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A message the gateway accepted and hands to a backend: its ebMS metadata and payloads. */
public record Delivery(
        String messageId,
        String conversationId,
        Optional<String> refToMessageId,
        Instant timestamp,
        String fromPartyId,
        String toPartyId,
        String service,
        Optional<String> serviceType,
        String action,
        List<MessageProperty> properties,
        List<Payload> payloads) {

    public Delivery {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(refToMessageId, "refToMessageId");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(fromPartyId, "fromPartyId");
        Objects.requireNonNull(toPartyId, "toPartyId");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(serviceType, "serviceType");
        Objects.requireNonNull(action, "action");
        properties = List.copyOf(properties);
        payloads = List.copyOf(payloads);
    }

    /** The value of a message property, such as {@code finalRecipient}. */
    public Optional<String> property(String name) {
        return properties.stream().filter(p -> p.name().equals(name)).map(MessageProperty::value).findFirst();
    }
}
