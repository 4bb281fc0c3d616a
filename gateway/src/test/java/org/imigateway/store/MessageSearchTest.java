package org.imigateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.imigateway.connectors.Delivery;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.connectors.Payload;
import org.imigateway.ops.MessageBrowser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code messages search}'s query finds messages by each criterion and only those, and {@code show}
 * gives a message's history, payload digests and receipt. Three messages: an acknowledged outbound
 * request, its outbound follow-up still queued, and a received inbound message with payloads.
 * Runs on Derby and PostgreSQL.
 */
@ParameterizedClass
@EnumSource(TestStore.class)
class MessageSearchTest {

    @Parameter
    TestStore store;

    @TempDir
    Path temp;

    private String ask;
    private String answer;
    private String received;
    private Instant answerCreated;

    private List<String> search(MessageLog log, String... criteria) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < criteria.length; i += 2) {
            map.put(criteria[i], criteria[i + 1]);
        }
        return log.queries().search(MessageSearch.fromMap(map)).stream().map(MessageRecord::messageId).toList();
    }

    private MessageLog fill(Database database) throws Exception {
        MessageLog log = new MessageLog(database);
        ask = TestMessages.newId("ask");
        answer = TestMessages.newId("answer");
        received = TestMessages.newId("received");
        log.registerOutbound(new MessageHeader(ask, "conv-a", Optional.empty(), TestMessages.SENT, "urn:party:us",
                "urn:party:them", "urn:svc:one", Optional.empty(), "Ask"),
                List.of(MessageProperty.of("originalSender", "urn:os:1"), MessageProperty.of("finalRecipient", "urn:fr:1")),
                TestMessages.body(temp, ask));
        log.acknowledge(ask, TestMessages.receipt("for " + ask));
        Thread.sleep(20); // distinct creation times for the time-range criteria
        log.registerOutbound(new MessageHeader(answer, "conv-a", Optional.of(ask), TestMessages.SENT, "urn:party:us",
                "urn:party:other", "urn:svc:two", Optional.empty(), "Answer"),
                List.of(MessageProperty.of("originalSender", "urn:os:2")), TestMessages.body(temp, answer));
        answerCreated = log.find(answer, Direction.OUTBOUND).orElseThrow().created();
        Thread.sleep(20);
        Path file = Files.writeString(temp.resolve("part.xml"), "<part/>");
        PayloadStore payloads = new PayloadStore(database, temp.resolve("payloads"));
        new DerbySink(log, payloads).accept(new Delivery(received, "conv-b", Optional.empty(), TestMessages.SENT,
                "urn:party:them", "urn:party:us", "urn:svc:one", Optional.empty(), "Ask",
                List.of(MessageProperty.of("originalSender", "urn:os:3"), MessageProperty.of("finalRecipient", "urn:fr:1")),
                List.of(Payload.of(file, "application/xml"))), TestMessages.receipt("for " + received));
        return log;
    }

    @Test
    void eachCriterionFindsExactlyTheMatchingMessagesNewestFirst() throws Exception {
        try (Database database = store.open(temp)) {
            MessageLog log = fill(database);
            assertEquals(List.of(received, answer, ask), search(log));
            assertEquals(List.of(ask), search(log, "messageId", ask));
            assertEquals(List.of(answer, ask), search(log, "conversationId", "conv-a"));
            assertEquals(List.of(answer), search(log, "refToMessageId", ask));
            assertEquals(List.of(received, ask), search(log, "party", "urn:party:them"));
            assertEquals(List.of(received), search(log, "fromParty", "urn:party:them"));
            assertEquals(List.of(answer), search(log, "toParty", "urn:party:other"));
            assertEquals(List.of(answer), search(log, "originalSender", "urn:os:2"));
            assertEquals(List.of(received, ask), search(log, "finalRecipient", "urn:fr:1"));
            assertEquals(List.of(received, ask), search(log, "service", "urn:svc:one"));
            assertEquals(List.of(answer), search(log, "action", "Answer"));
            assertEquals(List.of(ask), search(log, "status", "ACKNOWLEDGED"));
            assertEquals(List.of(answer), search(log, "status", "send_enqueued"));
            assertEquals(List.of(received), search(log, "direction", "INBOUND"));
            assertEquals(List.of(received, answer), search(log, "since", answerCreated.toString()));
            assertEquals(List.of(ask), search(log, "until", answerCreated.toString()));
            assertEquals(List.of(received), search(log, "limit", "1"));
            assertEquals(List.of(ask), search(log, "service", "urn:svc:one", "direction", "OUTBOUND", "finalRecipient",
                    "urn:fr:1"), "criteria combine");
            assertEquals(List.of(), search(log, "conversationId", "conv-a", "direction", "INBOUND"));
            assertEquals(List.of(), search(log, "messageId", "' OR 1=1 --"), "values are bound, not spliced");
        }
    }

    @Test
    void badCriteriaAreRefusedNamingTheCriterionAndValue() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MessageSearch.fromMap(Map.of("status", "LOST")))
                .getMessage().contains("status 'LOST'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MessageSearch.fromMap(Map.of("since", "yesterday")))
                .getMessage().contains("since 'yesterday'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MessageSearch.fromMap(Map.of("limit", "0")))
                .getMessage().contains("limit 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MessageSearch.fromMap(Map.of("sender", "x")))
                .getMessage().contains("'sender'"));
    }

    @Test
    void showGivesHistoryPayloadDigestsAndReceipt() throws Exception {
        try (Database database = store.open(temp)) {
            MessageLog log = fill(database);
            MessageBrowser browser = new MessageBrowser(log, new PayloadStore(database, temp.resolve("payloads")));
            ObjectMapper json = new ObjectMapper();

            JsonNode sent = json.readTree(browser.show(ask).orElseThrow()).path("records").get(0);
            assertEquals("ACKNOWLEDGED", sent.path("status").asText());
            assertEquals(List.of("SEND_ENQUEUED", "ACKNOWLEDGED"),
                    sent.path("history").findValuesAsText("to"));
            assertEquals("<eb:Receipt>for " + ask + "</eb:Receipt>", sent.path("receipt").path("signedXml").asText());
            assertEquals(64, sent.path("receipt").path("sha256").asText().length());
            assertEquals("urn:fr:1", sent.path("properties").get(1).path("value").asText());

            JsonNode in = json.readTree(browser.show(received).orElseThrow()).path("records").get(0);
            assertEquals("INBOUND", in.path("direction").asText());
            JsonNode part = in.path("payloads").get(0);
            assertEquals(7, part.path("size").asLong());
            // SHA-256 of "<part/>"
            assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest("<part/>".getBytes(java.nio.charset.StandardCharsets.UTF_8))), part.path("sha256").asText());
            assertFalse(in.path("receipt").isNull(), "the receipt we sent is kept");

            JsonNode queued = json.readTree(browser.show(answer).orElseThrow()).path("records").get(0);
            assertTrue(queued.path("receipt").isNull(), "no receipt yet");
            assertEquals(Optional.empty(), browser.show("nobody@test"));

            JsonNode found = json.readTree(browser.search(MessageSearch.fromMap(Map.of("conversationId", "conv-a"))));
            assertEquals("conv-a", found.path("criteria").path("conversationId").asText());
            assertEquals(List.of(answer, ask), found.path("messages").findValuesAsText("messageId"));
        }
    }
}
