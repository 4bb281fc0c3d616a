package org.imigateway.store;

import java.util.ArrayList;
import java.util.List;

/**
 * What proves an exchange happened once its payloads are gone: the message log rows (MessageIds,
 * parties, service, times), the size and SHA-256 of each payload as received, and the status history.
 */
public record MessageEvidence(String messageId, List<MessageRecord> records, List<StoredPayload> payloads,
        List<StatusChange> history) {

    public MessageEvidence {
        records = List.copyOf(records);
        payloads = List.copyOf(payloads);
        history = List.copyOf(history);
    }

    static MessageEvidence of(MessageLog log, PayloadStore store, String messageId) {
        List<MessageRecord> records = new ArrayList<>();
        List<StatusChange> history = new ArrayList<>();
        for (Direction direction : Direction.values()) {
            log.find(messageId, direction).ifPresent(records::add);
            history.addAll(log.history(messageId, direction));
        }
        return new MessageEvidence(messageId, records, store.payloads(messageId, Direction.INBOUND), history);
    }

    /** A few lines a person reads. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        for (MessageRecord record : records) {
            MessageHeader h = record.header();
            text.append(record.direction()).append(' ').append(h.messageId()).append(": ").append(h.fromParty())
                    .append(" -> ").append(h.toParty()).append(", ").append(h.service()).append(' ').append(h.action())
                    .append(", conversation ").append(h.conversationId()).append(", sent ").append(h.timestamp())
                    .append(", status ").append(record.status()).append('\n');
        }
        for (StoredPayload payload : payloads) {
            text.append("payload ").append(payload.index()).append(": ").append(payload.mimeType()).append(", ")
                    .append(payload.size()).append(" bytes, sha256 ").append(payload.sha256()).append('\n');
        }
        for (StatusChange change : history) {
            text.append(change.at()).append(' ').append(change.from().map(Enum::name).orElse("-")).append(" -> ")
                    .append(change.to()).append(' ').append(change.note()).append('\n');
        }
        return text.toString();
    }
}
