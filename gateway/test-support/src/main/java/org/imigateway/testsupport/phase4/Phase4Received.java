package org.imigateway.testsupport.phase4;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A UserMessage that {@link Phase4Receiver} accepted, as phase4 handed it over: decrypted,
 * decompressed, with its signature verified. Empty strings stand for absent header values.
 */
public record Phase4Received(String messageId,
                             String conversationId,
                             Phase4Party from,
                             String fromRole,
                             Phase4Party to,
                             String toRole,
                             String service,
                             String serviceType,
                             String action,
                             String agreementRef,
                             List<Phase4Property> messageProperties,
                             List<Payload> payloads,
                             boolean decrypted) {

    public Phase4Received {
        messageProperties = List.copyOf(messageProperties);
        payloads = List.copyOf(payloads);
    }

    /** The value of the first message property called {@code name}. */
    public Optional<String> property(String name) {
        return messageProperties.stream().filter(p -> p.name().equals(name)).map(Phase4Property::value).findFirst();
    }

    /**
     * One payload in PartInfo order. {@code partProperties} are all PartInfo properties as sent,
     * including {@code MimeType}, {@code CharacterSet} and {@code CompressionType}.
     */
    public record Payload(String contentId, byte[] bytes, String mimeType, Map<String, String> partProperties) {

        public Payload {
            partProperties = Collections.unmodifiableMap(new LinkedHashMap<>(partProperties));
        }
    }
}
