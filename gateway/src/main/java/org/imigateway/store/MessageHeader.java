package org.imigateway.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.imigateway.connectors.Delivery;

/** The ebMS header fields the message log keeps for every message, whichever way it travels. */
public record MessageHeader(
        String messageId,
        String conversationId,
        Optional<String> refToMessageId,
        Instant timestamp,
        String fromParty,
        String toParty,
        String service,
        Optional<String> serviceType,
        String action) {

    public MessageHeader {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(refToMessageId, "refToMessageId");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(fromParty, "fromParty");
        Objects.requireNonNull(toParty, "toParty");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(serviceType, "serviceType");
        Objects.requireNonNull(action, "action");
        if (messageId.isBlank()) {
            throw new IllegalArgumentException("MessageId is empty");
        }
    }

    public static MessageHeader of(Delivery delivery) {
        return new MessageHeader(delivery.messageId(), delivery.conversationId(), delivery.refToMessageId(),
                delivery.timestamp(), delivery.fromPartyId(), delivery.toPartyId(), delivery.service(),
                delivery.serviceType(), delivery.action());
    }
}
