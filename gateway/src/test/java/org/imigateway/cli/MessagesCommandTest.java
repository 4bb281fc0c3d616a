package org.imigateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.imigateway.config.GatewayConfig;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.store.Database;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code messages search|show} on a stopped home whose log holds 100,000 messages, written by a
 * batched insert: the command opens the store itself and the search returns exactly the rows that
 * match (what it costs is the benchmark's business, not a test's).
 */
class MessagesCommandTest {

    private static final int ROWS = 100_000;
    private static final int PARTIES = 7;
    private static final String[] OUT = {"SEND_ENQUEUED", "WAITING_FOR_RETRY", "ACKNOWLEDGED", "SEND_FAILURE"};
    private static final String[] IN = {"RECEIVED", "DELIVERED", "DOWNLOADED"};
    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.time.format.DateTimeFormatter STAMP = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm:ss").withZone(java.time.ZoneOffset.UTC);

    @TempDir
    static Path home;

    @BeforeAll
    static void fill() throws Exception {
        DemoNetwork.createHome(home, "hub");
        try (Database database = Database.open(GatewayConfig.load(home).dataDir().resolve("derby"))) {
            // Derby's import into an empty table loads it in bulk and builds the indexes once:
            // seconds, where row-by-row inserts take the better part of a minute.
            Path csv = home.resolve("messages.csv");
            try (java.io.BufferedWriter out = java.nio.file.Files.newBufferedWriter(csv)) {
                for (int i = 0; i < ROWS; i++) {
                    boolean outbound = direction(i).equals("OUTBOUND");
                    // UTC wall-clock time, as the store keeps it (store.Jdbc)
                    String created = STAMP.format(BASE.plusSeconds(i));
                    out.write(String.join(",", "m" + i, direction(i), "false", "conv-" + i / 10,
                            i % 10 == 0 ? "" : "m" + (i - 1), created, outbound ? "hub" : party(i),
                            outbound ? party(i) : "hub", "urn:svc:" + i % 3, "Act" + i % 5, status(i), created,
                            created, "0"));
                    out.write('\n');
                }
            }
            database.inTransaction(c -> {
                try (java.sql.CallableStatement load = c.prepareCall("CALL SYSCS_UTIL.SYSCS_IMPORT_DATA(NULL, 'MESSAGE',"
                        + " 'MESSAGE_ID,DIRECTION,PING,CONVERSATION_ID,REF_TO_MESSAGE_ID,EBMS_TIMESTAMP,FROM_PARTY,TO_PARTY,"
                        + "SERVICE,EBMS_ACTION,STATUS,CREATED_AT,UPDATED_AT,ATTEMPTS', NULL, ?, ',', NULL, 'UTF-8', 0)")) {
                    load.setString(1, csv.toString());
                    load.execute();
                }
                // originalSender on every 1000th message, found through message_property
                try (PreparedStatement property = c.prepareStatement("INSERT INTO message_property (message_ref, seq,"
                        + " prop_name, prop_value) SELECT id, 1, 'originalSender', 'urn:os:rare' FROM message"
                        + " WHERE MOD(CAST(SUBSTR(message_id, 2) AS INTEGER), 1000) = 0")) {
                    property.executeUpdate();
                }
                return null;
            });
        }
    }

    private static String direction(int i) {
        return i % 2 == 0 ? "OUTBOUND" : "INBOUND";
    }

    private static String party(int i) {
        return "party-" + i % PARTIES;
    }

    private static String status(int i) {
        return i % 2 == 0 ? OUT[(i / 2) % OUT.length] : IN[(i / 2) % IN.length];
    }

    private static List<String> ids(CommandRun run) throws Exception {
        assertEquals(0, run.exit(), run.err());
        return JSON.readTree(run.out()).path("messages").findValuesAsText("messageId");
    }

    private static CommandRun search(String... criteria) {
        List<String> args = new ArrayList<>(List.of("messages", "search", "--home", home.toString(), "--json"));
        args.addAll(List.of(criteria));
        return CommandRun.run(args.toArray(String[]::new));
    }

    @Test
    void searchOverAHundredThousandMessagesReturnsExactlyTheMatchingOnes() throws Exception {
        assertEquals(List.of("m42429", "m42428", "m42427", "m42426", "m42425", "m42424", "m42423", "m42422", "m42421",
                "m42420"), ids(search("--conversation-id", "conv-4242")));
        assertEquals(List.of("m77777"), ids(search("--message-id", "m77777")));
        assertEquals(List.of("m501"), ids(search("--ref-to", "m500")));

        List<String> rare = ids(search("--original-sender", "urn:os:rare", "--limit", "1000"));
        assertEquals(ROWS / 1000, rare.size());
        assertEquals("m99000", rare.get(0));

        // A party, a status and a time window together, against the same filter in Java.
        Instant from = BASE.plusSeconds(30_000);
        Instant until = BASE.plusSeconds(31_000);
        List<String> expected = new ArrayList<>();
        for (int i = 30_999; i >= 30_000; i--) {
            if (party(i).equals("party-3") && status(i).equals("SEND_FAILURE")) {
                expected.add("m" + i);
            }
        }
        assertTrue(!expected.isEmpty());
        assertEquals(expected, ids(search("--to-party", "party-3", "--status", "SEND_FAILURE", "--from",
                from.toString(), "--until", until.toString())));

        List<String> newest = ids(search("--party", "party-5", "--service", "urn:svc:1", "--action", "Act2",
                "--direction", "INBOUND", "--limit", "3"));
        List<String> newestExpected = new ArrayList<>();
        for (int i = ROWS - 1; newestExpected.size() < 3; i--) {
            if (direction(i).equals("INBOUND") && party(i).equals("party-5") && i % 3 == 1 && i % 5 == 2) {
                newestExpected.add("m" + i);
            }
        }
        assertEquals(newestExpected, newest);
    }

    @Test
    void showPrintsTheMessageAndUnknownIdsAndBadValuesGetTheirExitCodes() throws Exception {
        CommandRun shown = CommandRun.run("messages", "show", "--home", home.toString(), "m77777");
        assertEquals(0, shown.exit(), shown.err());
        assertTrue(shown.out().contains("INBOUND m77777: " + status(77777)), shown.out());
        assertTrue(shown.out().contains("receipt: none kept"), shown.out());

        JsonNode json = JSON.readTree(CommandRun.run("messages", "show", "--home", home.toString(), "--json", "m4")
                .out());
        assertEquals("conv-0", json.path("records").get(0).path("conversationId").asText());

        CommandRun unknown = CommandRun.run("messages", "show", "--home", home.toString(), "nobody");
        assertEquals(ExitCodes.REFUSED, unknown.exit());
        assertTrue(unknown.err().contains("no message has MessageId nobody"), unknown.err());

        CommandRun badTime = search("--from", "last week");
        assertEquals(ExitCodes.USAGE, badTime.exit());
        assertTrue(badTime.err().contains("--from 'last week'"), badTime.err());

        CommandRun table = CommandRun.run("messages", "search", "--home", home.toString(), "--conversation-id", "conv-1");
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().contains("10 message(s)"), table.out());
    }
}
