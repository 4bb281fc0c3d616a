package org.imigateway.bench;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.imigateway.store.Database;
import org.imigateway.store.MessageLog;
import org.imigateway.store.MessageSearch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code messages}: how long {@code messages search} takes over a large message log. Loads the
 * rows into a new embedded Derby database in bulk (the schema and indexes of the gateway's own
 * migrations), then runs each kind of search several times and reports the median and the worst.
 */
@Command(name = "messages", mixinStandardHelpOptions = true,
        description = "Time messages search over a Derby message log of --rows messages; prints a table and writes"
                + " target/messages.json.")
final class MessagesSearchCommand implements Callable<Integer> {

    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final String[] OUT = {"SEND_ENQUEUED", "WAITING_FOR_RETRY", "ACKNOWLEDGED", "SEND_FAILURE"};
    private static final String[] IN = {"RECEIVED", "DELIVERED", "DOWNLOADED"};

    @Option(names = "--rows", defaultValue = "1000000", description = "Messages in the log (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--repeat", defaultValue = "7", description = "Runs of each search (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--dir", defaultValue = "target/messages-bench", description = "Folder for the database.")
    Path dir;

    @Override
    public Integer call() throws Exception {
        Path derby = dir.resolve("derby-" + rows);
        boolean fresh = !Files.exists(derby);
        try (Database database = Database.open(derby)) {
            long loadStart = System.nanoTime();
            if (fresh) {
                load(database);
            }
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            MessageLog log = new MessageLog(database);
            int mid = rows / 2;
            Map<String, Map<String, String>> searches = new LinkedHashMap<>();
            searches.put("messageId", Map.of("messageId", "m" + mid));
            searches.put("conversationId", Map.of("conversationId", "conv-" + mid / 10));
            searches.put("refToMessageId", Map.of("refToMessageId", "m" + mid));
            searches.put("toParty newest 100", Map.of("toParty", "party-3"));
            searches.put("party newest 100", Map.of("party", "party-3"));
            searches.put("originalSender", Map.of("originalSender", "urn:os:rare", "limit", "1000"));
            searches.put("service+action", Map.of("service", "urn:svc:1", "action", "Act2"));
            searches.put("status+direction", Map.of("status", "SEND_FAILURE", "direction", "OUTBOUND"));
            searches.put("toParty+status+1h", Map.of("toParty", "party-3", "status", "SEND_FAILURE",
                    "since", BASE.plusSeconds(mid).toString(), "until", BASE.plusSeconds(mid + 3600).toString()));
            searches.put("time range 1h", Map.of("since", BASE.plusSeconds(mid).toString(),
                    "until", BASE.plusSeconds(mid + 3600).toString(), "limit", "10000"));
            ObjectMapper json = new ObjectMapper();
            ObjectNode report = json.createObjectNode().put("rows", rows).put("loadSeconds", fresh ? loadSeconds : -1)
                    .put("cores", Runtime.getRuntime().availableProcessors())
                    .put("loadAverage", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                            .getSystemLoadAverage())
                    .put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
            ObjectNode figures = report.putObject("searches");
            System.out.printf("%-22s %8s %10s %10s%n", "search (" + rows + " rows)", "rows", "median ms", "max ms");
            for (Map.Entry<String, Map<String, String>> search : searches.entrySet()) {
                MessageSearch criteria = MessageSearch.fromMap(search.getValue());
                long[] nanos = new long[repeat];
                int found = 0;
                for (int i = 0; i < repeat; i++) {
                    long start = System.nanoTime();
                    found = log.queries().search(criteria).size();
                    nanos[i] = System.nanoTime() - start;
                }
                java.util.Arrays.sort(nanos);
                double median = nanos[repeat / 2] / 1e6;
                double max = nanos[repeat - 1] / 1e6;
                System.out.printf("%-22s %8d %10.1f %10.1f%n", search.getKey(), found, median, max);
                figures.putObject(search.getKey()).put("rows", found).put("medianMillis", median).put("maxMillis", max);
            }
            Path out = Path.of("target", "messages.json");
            Files.createDirectories(out.getParent());
            json.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), report);
            System.out.println("written " + out + (fresh ? String.format(" (loaded in %.0f s)", loadSeconds) : ""));
        }
        return 0;
    }

    /** Derby's import into an empty table: one bulk load, indexes built once. */
    private void load(Database database) throws Exception {
        Path csv = Files.createDirectories(dir).resolve("messages-" + rows + ".csv");
        try (BufferedWriter out = Files.newBufferedWriter(csv)) {
            for (int i = 0; i < rows; i++) {
                boolean outbound = i % 2 == 0;
                String party = "party-" + i % 7;
                String created = STAMP.format(BASE.plusSeconds(i));
                out.write(String.join(",", "m" + i, outbound ? "OUTBOUND" : "INBOUND", "false", "conv-" + i / 10,
                        i % 10 == 0 ? "" : "m" + (i - 1), created, outbound ? "us" : party, outbound ? party : "us",
                        "urn:svc:" + i % 3, "Act" + i % 5, outbound ? OUT[(i / 2) % 4] : IN[(i / 2) % 3], created,
                        created, "0"));
                out.write('\n');
            }
        }
        database.inTransaction(c -> {
            try (CallableStatement load = c.prepareCall("CALL SYSCS_UTIL.SYSCS_IMPORT_DATA(NULL, 'MESSAGE',"
                    + " 'MESSAGE_ID,DIRECTION,PING,CONVERSATION_ID,REF_TO_MESSAGE_ID,EBMS_TIMESTAMP,FROM_PARTY,TO_PARTY,"
                    + "SERVICE,EBMS_ACTION,STATUS,CREATED_AT,UPDATED_AT,ATTEMPTS', NULL, ?, ',', NULL, 'UTF-8', 0)")) {
                load.setString(1, csv.toAbsolutePath().toString());
                load.execute();
            }
            try (PreparedStatement property = c.prepareStatement("INSERT INTO message_property (message_ref, seq,"
                    + " prop_name, prop_value) SELECT id, 1, 'originalSender', 'urn:os:rare' FROM message"
                    + " WHERE MOD(id, 1000) = 0")) {
                property.executeUpdate();
            }
            try (CallableStatement statistics = c.prepareCall(
                    "CALL SYSCS_UTIL.SYSCS_UPDATE_STATISTICS('APP', 'MESSAGE', NULL)")) {
                statistics.execute();
            }
            return null;
        });
        Files.delete(csv);
    }

}
