package org.imigateway.connectors.jms;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;

import org.imigateway.connectors.Delivery;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;
import org.imigateway.connectors.SubmissionException;

/**
 * The JMS message format of the connector: one {@code MapMessage} per message, its entries
 * <pre>
 *   toParty, service, serviceType?, action, conversationId?, refToMessageId?   (submission)
 *     or, instead of toParty on a leg marked dynamic: participant, documentType, process
 *   messageId, conversationId, refToMessageId?, timestamp, fromParty, toParty,
 *   service, serviceType?, action                                              (delivery)
 *   property.N.name, property.N.value, property.N.type?                        N = 1, 2, ...
 *   payload.N (bytes), payload.N.mimeType, payload.N.characterSet?,
 *   payload.N.property.M.name, payload.N.property.M.value, payload.N.property.M.type?
 * </pre>
 * Entries rather than JMS properties, because property names must be Java identifiers and ebMS
 * property names need not be.
 */
final class JmsMapFormat {

    private JmsMapFormat() {
    }

    /** Reads a submission; payload bytes go to files under {@code work}. */
    static Submission submission(MapMessage map, String submissionId, Path work) throws JMSException, SubmissionException {
        String what = "JMS submission " + submissionId;
        Submission.Builder builder = addressed(map, what).action(required(map, "action", what)).submissionId(submissionId);
        String service = required(map, "service", what);
        optional(map, "serviceType").ifPresentOrElse(type -> builder.service(service, type), () -> builder.service(service));
        optional(map, "conversationId").ifPresent(builder::conversationId);
        optional(map, "refToMessageId").ifPresent(builder::refToMessageId);
        properties(map, "property.", what).forEach(builder::property);
        if (!map.itemExists("payload.1")) {
            throw invalid(what + ": map entry 'payload.1' is missing; a submission carries at least one payload");
        }
        for (int n = 1; map.itemExists("payload." + n); n++) {
            String key = "payload." + n;
            byte[] content = map.getBytes(key);
            if (content == null) {
                throw invalid(what + ": map entry '" + key + "' is not bytes");
            }
            Path file = work.resolve("payload-" + n);
            try {
                Files.write(file, content);
            } catch (IOException e) {
                throw new SubmissionException("EBMS:0004", what + ": payload " + n + " cannot be stored: " + e.getMessage());
            }
            builder.payload(new Payload(file, required(map, key + ".mimeType", what), optional(map, key + ".characterSet"),
                    properties(map, key + ".property.", what)));
        }
        return builder.build();
    }

    /** To a PMode party ({@code toParty}), or to a participant found by discovery ({@code participant}). */
    private static Submission.Builder addressed(MapMessage map, String what) throws JMSException, SubmissionException {
        Optional<String> participant = optional(map, "participant");
        if (participant.isEmpty()) {
            return Submission.to(required(map, "toParty", what));
        }
        if (optional(map, "toParty").isPresent()) {
            throw invalid(what + ": map entries 'toParty' and 'participant' are both given; name a PMode party or a"
                    + " participant, not both");
        }
        return Submission.toParticipant(participant.get(), required(map, "documentType", what), required(map, "process", what));
    }

    /** Writes a delivery; the payloads are read into the message. */
    static void delivery(Delivery delivery, MapMessage map) throws JMSException, IOException {
        map.setString("messageId", delivery.messageId());
        map.setString("conversationId", delivery.conversationId());
        if (delivery.refToMessageId().isPresent()) {
            map.setString("refToMessageId", delivery.refToMessageId().get());
        }
        map.setString("timestamp", delivery.timestamp().toString());
        map.setString("fromParty", delivery.fromPartyId());
        map.setString("toParty", delivery.toPartyId());
        map.setString("service", delivery.service());
        if (delivery.serviceType().isPresent()) {
            map.setString("serviceType", delivery.serviceType().get());
        }
        map.setString("action", delivery.action());
        putProperties(map, "property.", delivery.properties());
        for (int i = 0; i < delivery.payloads().size(); i++) {
            Payload payload = delivery.payloads().get(i);
            String key = "payload." + (i + 1);
            map.setBytes(key, Files.readAllBytes(payload.file()));
            map.setString(key + ".mimeType", payload.mimeType());
            if (payload.characterSet().isPresent()) {
                map.setString(key + ".characterSet", payload.characterSet().get());
            }
            putProperties(map, key + ".property.", payload.properties());
        }
    }

    /** Copies every entry, so that a refused submission stays whole on the error queue. */
    static void copy(MapMessage from, MapMessage to) throws JMSException {
        for (Object name : Collections.list(from.getMapNames())) {
            to.setObject((String) name, from.getObject((String) name));
        }
    }

    private static void putProperties(MapMessage map, String prefix, List<MessageProperty> properties)
            throws JMSException {
        for (int i = 0; i < properties.size(); i++) {
            MessageProperty p = properties.get(i);
            map.setString(prefix + (i + 1) + ".name", p.name());
            map.setString(prefix + (i + 1) + ".value", p.value());
            if (p.type().isPresent()) {
                map.setString(prefix + (i + 1) + ".type", p.type().get());
            }
        }
    }

    private static List<MessageProperty> properties(MapMessage map, String prefix, String what)
            throws JMSException, SubmissionException {
        List<MessageProperty> properties = new ArrayList<>();
        for (int n = 1; map.itemExists(prefix + n + ".name"); n++) {
            String name = required(map, prefix + n + ".name", what);
            properties.add(new MessageProperty(name, required(map, prefix + n + ".value", what),
                    optional(map, prefix + n + ".type")));
        }
        return properties;
    }

    private static String required(MapMessage map, String key, String what) throws JMSException, SubmissionException {
        return optional(map, key).orElseThrow(() -> invalid(what + ": map entry '" + key + "' is missing or empty"));
    }

    private static Optional<String> optional(MapMessage map, String key) throws JMSException {
        if (!map.itemExists(key)) {
            return Optional.empty();
        }
        Object value = map.getObject(key);
        return value instanceof String text && !text.isBlank() ? Optional.of(text.trim()) : Optional.empty();
    }

    static SubmissionException invalid(String detail) {
        return new SubmissionException("EBMS:0009", detail);
    }
}
