package org.imigateway.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.imigateway.connectors.MessageProperty;
import org.imigateway.store.Direction;
import org.imigateway.store.MessageHeader;
import org.imigateway.store.MessageLog;
import org.imigateway.store.MessageRecord;
import org.imigateway.store.MessageSearch;
import org.imigateway.store.PayloadStore;
import org.imigateway.store.StatusChange;
import org.imigateway.store.StoredPayload;

/**
 * The message log as an operator browses it: a search's rows and one message with all the store
 * keeps of it (both directions, properties, status history, payload digests, receipt), as JSON.
 * The same text answers the JMX operations and the {@code messages} command on a stopped home.
 */
public final class MessageBrowser {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MessageLog log;
    private final PayloadStore payloads;

    public MessageBrowser(MessageLog log, PayloadStore payloads) {
        this.log = log;
        this.payloads = payloads;
    }

    /** {@code {"criteria": {...}, "messages": [...]}}, newest first. */
    public String search(MessageSearch search) {
        ObjectNode answer = JSON.createObjectNode();
        ObjectNode criteria = answer.putObject("criteria");
        search.toMap().forEach(criteria::put);
        ArrayNode messages = answer.putArray("messages");
        for (MessageRecord record : log.queries().search(search)) {
            summary(messages.addObject(), record);
        }
        return write(answer);
    }

    /** Everything kept of the message, one entry per direction it went; empty when no row has that MessageId. */
    public Optional<String> show(String messageId) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("messageId", messageId);
        ArrayNode directions = answer.putArray("records");
        for (Direction direction : Direction.values()) {
            Optional<MessageRecord> found = log.find(messageId, direction);
            if (found.isEmpty()) {
                continue;
            }
            MessageRecord record = found.get();
            ObjectNode node = directions.addObject();
            summary(node, record);
            node.put("serviceType", record.header().serviceType().orElse(null));
            node.put("ebmsTimestamp", record.header().timestamp().toString());
            node.put("updated", record.updated().toString());
            node.put("attempts", record.attempts());
            node.put("nextAttempt", record.nextAttempt().map(Object::toString).orElse(null));
            node.put("errorCode", record.errorCode().orElse(null));
            node.put("errorDetail", record.errorDetail().orElse(null));
            properties(node.putArray("properties"), log.properties(messageId, direction));
            ArrayNode history = node.putArray("history");
            for (StatusChange change : log.history(messageId, direction)) {
                history.addObject().put("at", change.at().toString())
                        .put("from", change.from().map(Enum::name).orElse(null))
                        .put("to", change.to().name()).put("note", change.note());
            }
            ArrayNode parts = node.putArray("payloads");
            for (StoredPayload payload : payloads.payloads(messageId, direction)) {
                ObjectNode part = parts.addObject().put("index", payload.index()).put("mimeType", payload.mimeType())
                        .put("charset", payload.characterSet().orElse(null)).put("size", payload.size())
                        .put("sha256", payload.sha256());
                properties(part.putArray("properties"), payload.properties());
            }
            Optional<byte[]> receipt = log.receipt(messageId, direction);
            if (receipt.isPresent()) {
                // The signed receipt as kept: its digest to compare, its text to verify elsewhere.
                node.putObject("receipt").put("size", receipt.get().length).put("sha256", sha256(receipt.get()))
                        .put("signedXml", new String(receipt.get(), StandardCharsets.UTF_8));
            } else {
                node.putNull("receipt");
            }
        }
        return directions.isEmpty() ? Optional.empty() : Optional.of(write(answer));
    }

    private static void summary(ObjectNode node, MessageRecord record) {
        MessageHeader h = record.header();
        node.put("messageId", h.messageId()).put("direction", record.direction().name())
                .put("status", record.status().name()).put("created", record.created().toString())
                .put("conversationId", h.conversationId()).put("refToMessageId", h.refToMessageId().orElse(null))
                .put("fromParty", h.fromParty()).put("toParty", h.toParty()).put("service", h.service())
                .put("action", h.action()).put("ping", record.ping());
    }

    private static void properties(ArrayNode array, List<MessageProperty> properties) {
        for (MessageProperty property : properties) {
            array.addObject().put("name", property.name()).put("value", property.value())
                    .put("type", property.type().orElse(null));
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String write(ObjectNode node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always writes", e);
        }
    }
}
