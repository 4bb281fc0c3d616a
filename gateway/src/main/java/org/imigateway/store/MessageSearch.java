package org.imigateway.store;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link MessageQueries#search} looks for: every criterion given must hold (AND), an absent one
 * matches anything. Values match exactly; {@code party} is either end; {@code since} is inclusive and
 * {@code until} exclusive, on the time the row was created. Newest first, at most {@code limit} rows.
 */
public record MessageSearch(
        Optional<String> messageId,
        Optional<String> conversationId,
        Optional<String> refToMessageId,
        Optional<String> party,
        Optional<String> fromParty,
        Optional<String> toParty,
        Optional<String> originalSender,
        Optional<String> finalRecipient,
        Optional<String> service,
        Optional<String> action,
        Optional<MessageStatus> status,
        Optional<Direction> direction,
        Optional<Instant> since,
        Optional<Instant> until,
        int limit) {

    /** The most rows one search returns: a person reads them, a script narrows the criteria. */
    public static final int MAX_LIMIT = 10_000;
    public static final int DEFAULT_LIMIT = 100;

    /** The criteria's names, as {@link #fromMap} and the JMX operation take them. */
    public static final java.util.List<String> KEYS = java.util.List.of("messageId", "conversationId",
            "refToMessageId", "party", "fromParty", "toParty", "originalSender", "finalRecipient", "service", "action",
            "status", "direction", "since", "until", "limit");

    public MessageSearch {
        for (Object criterion : new Object[] {messageId, conversationId, refToMessageId, party, fromParty, toParty,
                originalSender, finalRecipient, service, action, status, direction, since, until}) {
            Objects.requireNonNull(criterion, "criterion");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit " + limit + " is not between 1 and " + MAX_LIMIT);
        }
    }

    /**
     * Criteria from names ({@link #KEYS}) to values; blank values are left out. Times are ISO-8601
     * instants. An unknown name or a malformed value is an {@link IllegalArgumentException} naming it.
     */
    public static MessageSearch fromMap(Map<String, String> criteria) {
        Map<String, String> given = new LinkedHashMap<>();
        criteria.forEach((key, value) -> {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown search criterion '" + key + "' (known: "
                        + String.join(", ", KEYS) + ")");
            }
            if (value != null && !value.isBlank()) {
                given.put(key, value.strip());
            }
        });
        return new MessageSearch(text(given, "messageId"), text(given, "conversationId"),
                text(given, "refToMessageId"), text(given, "party"), text(given, "fromParty"), text(given, "toParty"),
                text(given, "originalSender"), text(given, "finalRecipient"), text(given, "service"),
                text(given, "action"), text(given, "status").map(MessageSearch::status),
                text(given, "direction").map(MessageSearch::direction), text(given, "since").map(v -> instant("since", v)),
                text(given, "until").map(v -> instant("until", v)),
                text(given, "limit").map(MessageSearch::limit).orElse(DEFAULT_LIMIT));
    }

    /** The criteria given, by name: what {@link #fromMap} reads back. */
    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        messageId.ifPresent(v -> map.put("messageId", v));
        conversationId.ifPresent(v -> map.put("conversationId", v));
        refToMessageId.ifPresent(v -> map.put("refToMessageId", v));
        party.ifPresent(v -> map.put("party", v));
        fromParty.ifPresent(v -> map.put("fromParty", v));
        toParty.ifPresent(v -> map.put("toParty", v));
        originalSender.ifPresent(v -> map.put("originalSender", v));
        finalRecipient.ifPresent(v -> map.put("finalRecipient", v));
        service.ifPresent(v -> map.put("service", v));
        action.ifPresent(v -> map.put("action", v));
        status.ifPresent(v -> map.put("status", v.name()));
        direction.ifPresent(v -> map.put("direction", v.name()));
        since.ifPresent(v -> map.put("since", v.toString()));
        until.ifPresent(v -> map.put("until", v.toString()));
        map.put("limit", Integer.toString(limit));
        return map;
    }

    private static Optional<String> text(Map<String, String> given, String key) {
        return Optional.ofNullable(given.get(key));
    }

    private static MessageStatus status(String value) {
        try {
            return MessageStatus.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("status '" + value + "' is not one of "
                    + java.util.Arrays.toString(MessageStatus.values()));
        }
    }

    private static Direction direction(String value) {
        try {
            return Direction.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("direction '" + value + "' is not INBOUND or OUTBOUND");
        }
    }

    private static Instant instant(String key, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " '" + value + "' is not an ISO-8601 instant such as"
                    + " 2026-12-01T00:00:00Z");
        }
    }

    private static int limit(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit '" + value + "' is not a whole number");
        }
    }
}
