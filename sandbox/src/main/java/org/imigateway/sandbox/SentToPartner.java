package org.imigateway.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import org.imigateway.Gateway;
import org.imigateway.connectors.Delivery;
import org.imigateway.schemas.imi.ImiDocumentType;
import org.imigateway.store.LoggedMessage;
import org.imigateway.store.MessageRecord;
import org.imigateway.store.MessageSearch;
import org.imigateway.store.MessageStatus;

/**
 * What the hub sent to the integrator's own AS4 endpoint ({@link Partner}), read from the hub's
 * message log, as the steps the integrator's side must receive are judged then: a message the
 * endpoint acknowledged with a valid receipt is seen as received; one that failed (the endpoint
 * answered an ebMS error, or the retries ran out) is seen as undelivered, with the error as the
 * reason; one still being retried is not seen yet, its last error kept for a time-out's reason.
 * The business document of a message is the one the robot sent (found by the hub's
 * RefToMessageId) or, for the hub's refusal and its overdue event, the document the hub wrote.
 */
final class SentToPartner {

    private final Gateway hub;
    private final Instant since;
    private final Function<String, Optional<String>> robotDocuments;
    private final Path hubDocuments;
    private final Map<String, Seen> outcomes = new LinkedHashMap<>();
    private final Map<String, String> retrying = new HashMap<>();

    /**
     * @param robotDocuments the document a robot sent, by the MessageId its access point gave it
     * @param hubDocuments   the folder the hub writes its own documents to (its refusals, its overdue events)
     */
    SentToPartner(Gateway hub, Instant since, Function<String, Optional<String>> robotDocuments, Path hubDocuments) {
        this.hub = hub;
        this.since = since;
        this.robotDocuments = robotDocuments;
        this.hubDocuments = hubDocuments;
    }

    /** Every message to the integrator's endpoint since the run started that has its outcome, oldest first. */
    List<Seen> read() throws IOException {
        List<LoggedMessage> sent = new ArrayList<>(hub.search(MessageSearch.fromMap(Map.of("toParty",
                SandboxDirectory.INTEGRATOR_ACCESS_POINT, "direction", "OUTBOUND", "since", since.toString(),
                "limit", String.valueOf(MessageSearch.MAX_LIMIT)))));
        java.util.Collections.reverse(sent);
        for (LoggedMessage message : sent) {
            MessageRecord record = message.record();
            if (outcomes.containsKey(record.messageId())) {
                continue;
            }
            Optional<String> error = record.errorCode().map(code -> code + " " + record.errorDetail().orElse(""));
            if (record.status() == MessageStatus.ACKNOWLEDGED) {
                outcomes.put(record.messageId(), seen(message, Optional.empty()));
            } else if (record.status() == MessageStatus.SEND_FAILURE) {
                outcomes.put(record.messageId(), seen(message, Optional.of("the hub could not deliver it to your endpoint: "
                        + error.orElse("no error recorded"))));
            } else {
                error.ifPresent(e -> retrying.put(record.messageId(), record.header().action() + " " + record.messageId()
                        + ": " + e));
            }
        }
        outcomes.keySet().forEach(retrying::remove);
        return List.copyOf(outcomes.values());
    }

    /** The messages the hub is still retrying, each with its last error; empty when there are none. */
    String stillRetrying() {
        return retrying.isEmpty() ? "" : "the hub is still retrying its messages to your endpoint: "
                + String.join("; ", retrying.values());
    }

    private Seen seen(LoggedMessage message, Optional<String> undelivered) throws IOException {
        MessageRecord record = message.record();
        var header = record.header();
        Delivery meta = new Delivery(header.messageId(), header.conversationId(), header.refToMessageId(),
                header.timestamp(), header.fromParty(), header.toParty(), header.service(), header.serviceType(),
                header.action(), message.properties(), List.of());
        String payload = header.refToMessageId().flatMap(robotDocuments).orElse("");
        if (payload.isEmpty() && header.action().equals("Refuse") && header.refToMessageId().isPresent()) {
            payload = hubDocument("refusal", ">" + header.refToMessageId().get() + "</").orElse("");
        }
        if (payload.isEmpty() && header.action().equals(ImiDocumentType.HUB_OVERDUE.action())) {
            // the hub's own event: its conversation is the event's cause, overdue:<procedure>:<case>:<answer-by date>
            String[] cause = header.conversationId().split(":");
            if (cause.length == 4 && cause[0].equals("overdue")) {
                payload = hubDocument("overdue", "procedure=\"" + cause[1] + "\"", "id=\"" + cause[2] + "\"").orElse("");
            }
        }
        return Seen.of(SandboxDirectory.INTEGRATOR_ACCESS_POINT, meta, payload, undelivered);
    }

    /**
     * A document the hub wrote itself: its refusal of the integrator's message (the one naming it
     * as refMessageId), or its overdue event of a case; the first whose text holds every one of
     * {@code marks}.
     */
    private Optional<String> hubDocument(String... marks) throws IOException {
        if (!Files.isDirectory(hubDocuments)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(hubDocuments)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".xml")).toList()) {
                String xml = Files.readString(file, StandardCharsets.UTF_8);
                if (java.util.Arrays.stream(marks).allMatch(xml::contains)) {
                    return Optional.of(xml);
                }
            }
        }
        return Optional.empty();
    }
}
