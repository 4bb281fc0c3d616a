package org.imigateway.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.imigateway.config.GatewayConfig;
import org.imigateway.ops.MessageBrowser;
import org.imigateway.ops.UntrustedJmxServerException;
import org.imigateway.store.Database;
import org.imigateway.store.DatabaseSettings;
import org.imigateway.store.MessageLog;
import org.imigateway.store.MessageSearch;
import org.imigateway.store.PayloadStore;
import org.imigateway.store.StoreException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code messages search|show}: find messages in the log by what an operator knows of them. A
 * gateway of the home running with remote JMX (jmx.port) is asked through its MBean; a stopped
 * home's message log is opened directly (the embedded database admits one process).
 */
@Command(name = "messages", mixinStandardHelpOptions = true,
        description = "Search the message log, or show one message with its history, payload digests and receipt.",
        subcommands = {MessagesCommand.Search.class, MessagesCommand.Show.class})
public final class MessagesCommand implements Runnable {

    private static final ObjectMapper JSON = new ObjectMapper();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    /** Where the answer comes from: the running gateway's MBean, else the stopped home's store. */
    private interface Source {
        String ask(GatewayJmxClient running) throws Exception;

        String ask(MessageBrowser browser) throws Exception;
    }

    /** The answer's JSON text, or the exit code to end with (its reason already printed). */
    private static Object answer(Path home, Source source) throws Exception {
        GatewayConfig config = GatewayConfig.load(home);
        Optional<GatewayJmxClient> running;
        try {
            running = GatewayJmxClient.connect(config);
        } catch (UntrustedJmxServerException e) {
            System.err.println("refused to log in to remote JMX: " + e.getMessage());
            return ExitCodes.UNREACHABLE;
        }
        if (running.isPresent()) {
            try (GatewayJmxClient client = running.get()) {
                return source.ask(client);
            } catch (java.lang.reflect.UndeclaredThrowableException e) {
                System.err.println("the running gateway did not answer over remote JMX: " + e.getCause().getMessage());
                return ExitCodes.UNREACHABLE;
            }
        }
        try (Database database = Database.open(DatabaseSettings.load(config))) {
            MessageLog log = new MessageLog(database);
            return source.ask(new MessageBrowser(log, new PayloadStore(database, config.dataDir().resolve("payloads"))));
        } catch (StoreException e) {
            System.err.println("cannot open the message log of " + home + " (is its gateway running without"
                    + " jmx.port? then stop it or give it jmx.port): " + e.getMessage());
            return ExitCodes.UNREACHABLE;
        }
    }

    @Command(name = "search", mixinStandardHelpOptions = true,
            description = "Messages matching every criterion given, newest first. Exit 0 also when none matches.")
    static final class Search implements Callable<Integer> {

        @Option(names = "--home", defaultValue = ImiGatewayCommand.DEFAULT_HOME, description = "Gateway home folder (default: ${DEFAULT-VALUE}).")
        Path home;

        @Option(names = "--message-id", description = "The ebMS MessageId.")
        String messageId;

        @Option(names = "--conversation-id", description = "The ConversationId.")
        String conversationId;

        @Option(names = "--ref-to", description = "The RefToMessageId.")
        String refTo;

        @Option(names = "--party", description = "A PartyId at either end.")
        String party;

        @Option(names = "--from-party", description = "The sender's PartyId.")
        String fromParty;

        @Option(names = "--to-party", description = "The receiver's PartyId.")
        String toParty;

        @Option(names = "--original-sender", description = "The originalSender message property.")
        String originalSender;

        @Option(names = "--final-recipient", description = "The finalRecipient message property.")
        String finalRecipient;

        @Option(names = "--service", description = "The ebMS Service.")
        String service;

        @Option(names = "--action", description = "The ebMS Action.")
        String action;

        @Option(names = "--status", description = "RECEIVED, DELIVERED, DOWNLOADED, SEND_ENQUEUED, WAITING_FOR_RETRY,"
                + " ACKNOWLEDGED or SEND_FAILURE.")
        String status;

        @Option(names = "--direction", description = "INBOUND or OUTBOUND.")
        String direction;

        @Option(names = "--from", paramLabel = "INSTANT", description = "Created at or after (ISO-8601, e.g."
                + " 2026-12-01T00:00:00Z).")
        String since;

        @Option(names = "--until", paramLabel = "INSTANT", description = "Created before (ISO-8601).")
        String until;

        @Option(names = "--limit", defaultValue = "100", description = "At most this many, 1 to 10000 (default:"
                + " ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--json", description = "The answer as JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            Map<String, String> criteria = new LinkedHashMap<>();
            criteria.put("messageId", messageId);
            criteria.put("conversationId", conversationId);
            criteria.put("refToMessageId", refTo);
            criteria.put("party", party);
            criteria.put("fromParty", fromParty);
            criteria.put("toParty", toParty);
            criteria.put("originalSender", originalSender);
            criteria.put("finalRecipient", finalRecipient);
            criteria.put("service", service);
            criteria.put("action", action);
            criteria.put("status", status);
            criteria.put("direction", direction);
            criteria.put("since", since);
            criteria.put("until", until);
            criteria.put("limit", Integer.toString(limit));
            MessageSearch search;
            try {
                search = MessageSearch.fromMap(criteria);
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage().replace("since '", "--from '").replace("until '", "--until '"));
                return ExitCodes.USAGE;
            }
            Map<String, String> given = search.toMap();
            Object answer = answer(home, new Source() {
                @Override
                public String ask(GatewayJmxClient running) {
                    return running.gateway().searchMessages(given);
                }

                @Override
                public String ask(MessageBrowser browser) {
                    return browser.search(search);
                }
            });
            if (answer instanceof Integer exit) {
                return exit;
            }
            String text = (String) answer;
            if (json) {
                System.out.println(text);
                return ExitCodes.OK;
            }
            JsonNode messages = JSON.readTree(text).path("messages");
            System.out.printf("%-20s %-8s %-17s %-20s %-20s %s%n", "created", "dir", "status", "from", "to",
                    "messageId / service action");
            for (JsonNode m : messages) {
                System.out.printf("%-20s %-8s %-17s %-20s %-20s %s%n    %s %s%n", m.path("created").asText(),
                        m.path("direction").asText(), m.path("status").asText(), m.path("fromParty").asText(),
                        m.path("toParty").asText(), m.path("messageId").asText(), m.path("service").asText(),
                        m.path("action").asText());
            }
            System.out.println(messages.size() + " message(s)" + (messages.size() == limit
                    ? " (the limit: narrow the criteria or raise --limit)" : ""));
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "One message: each direction it went, its properties, status history, payload digests and"
                    + " receipt. Exit 3 when no message has that MessageId.")
    static final class Show implements Callable<Integer> {

        @Option(names = "--home", defaultValue = ImiGatewayCommand.DEFAULT_HOME, description = "Gateway home folder (default: ${DEFAULT-VALUE}).")
        Path home;

        @Option(names = "--json", description = "The answer as JSON.")
        boolean json;

        @Parameters(paramLabel = "MESSAGE_ID", description = "The ebMS MessageId.")
        String messageId;

        @Override
        public Integer call() throws Exception {
            Object answer = answer(home, new Source() {
                @Override
                public String ask(GatewayJmxClient running) {
                    return running.gateway().showMessage(messageId);
                }

                @Override
                public String ask(MessageBrowser browser) {
                    return browser.show(messageId).orElse("");
                }
            });
            if (answer instanceof Integer exit) {
                return exit;
            }
            String text = (String) answer;
            if (text.isEmpty()) {
                System.err.println("no message has MessageId " + messageId);
                return ExitCodes.REFUSED;
            }
            if (json) {
                System.out.println(text);
                return ExitCodes.OK;
            }
            print(JSON.readTree(text));
            return ExitCodes.OK;
        }

        private static void print(JsonNode message) {
            for (JsonNode r : message.path("records")) {
                System.out.println(r.path("direction").asText() + " " + r.path("messageId").asText() + ": "
                        + r.path("status").asText() + ", " + r.path("fromParty").asText() + " -> "
                        + r.path("toParty").asText() + ", " + r.path("service").asText() + " "
                        + r.path("action").asText());
                System.out.println("  conversation " + r.path("conversationId").asText() + ", refTo "
                        + r.path("refToMessageId").asText("-") + ", created " + r.path("created").asText()
                        + ", attempts " + r.path("attempts").asInt());
                if (!r.path("errorCode").isNull()) {
                    System.out.println("  error " + r.path("errorCode").asText() + ": " + r.path("errorDetail").asText());
                }
                for (JsonNode p : r.path("properties")) {
                    System.out.println("  property " + p.path("name").asText() + " = " + p.path("value").asText());
                }
                for (JsonNode h : r.path("history")) {
                    System.out.println("  " + h.path("at").asText() + " " + h.path("from").asText("-") + " -> "
                            + h.path("to").asText() + " " + h.path("note").asText());
                }
                for (JsonNode p : r.path("payloads")) {
                    System.out.println("  payload " + p.path("index").asInt() + ": " + p.path("mimeType").asText()
                            + ", " + p.path("size").asLong() + " bytes, sha256 " + p.path("sha256").asText());
                }
                JsonNode receipt = r.path("receipt");
                System.out.println(receipt.isNull() ? "  receipt: none kept"
                        : "  receipt: signed, " + receipt.path("size").asLong() + " bytes, sha256 "
                                + receipt.path("sha256").asText() + " (--json for its XML)");
            }
        }
    }
}
