package org.imigateway.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.imigateway.Gateway;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;
import org.imigateway.connectors.SubmissionException;
import org.imigateway.store.MessageRecord;
import org.imigateway.store.MessageStatus;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code send}: sends files from the gateway of a home to a party, and reports the receipt or the error. */
@Command(name = "send", mixinStandardHelpOptions = true, description = "Send files as one AS4 message to a party through the gateway of a home (which must not be running),"
                + " and wait for the receipt. Exit 0 ACKNOWLEDGED, 3 refused or SEND_FAILURE, 4 still pending.")
public final class SendCommand implements Callable<Integer> {

    @Option(names = "--home", defaultValue = "./imi-home", description = "Home of the sending gateway.")
    Path home;

    @Option(names = "--to", required = true, description = "Receiving party name (as in the PModes).")
    String to;

    @Option(names = "--file", required = true, description = "Payload file (repeat for several; the first leads).")
    List<Path> files;

    @Option(names = "--mime-type", description = "MIME type of each file, in order (default: guessed, else application/octet-stream).")
    List<String> mimeTypes = new ArrayList<>();

    @Option(names = "--service", defaultValue = DemoNetwork.SERVICE, description = "ebMS Service (default: ${DEFAULT-VALUE}).")
    String service;

    @Option(names = "--service-type", defaultValue = DemoNetwork.SERVICE_TYPE, description = "Service type.")
    String serviceType;

    @Option(names = "--action", defaultValue = DemoNetwork.ACTION, description = "ebMS Action (default: ${DEFAULT-VALUE}).")
    String action;

    @Option(names = "--conversation-id", description = "ConversationId (generated when absent).")
    String conversationId;

    @Option(names = "--property", description = "Message property name=value (repeatable), e.g. finalRecipient=urn:x.")
    List<String> properties = new ArrayList<>();

    @Option(names = "--wait", defaultValue = "600", description = "Seconds to wait for a final status (default: ${DEFAULT-VALUE}).")
    long waitSeconds;

    @Override
    public Integer call() throws Exception {
        Submission.Builder builder = Submission.to(to).service(service, serviceType).action(action);
        if (conversationId != null) {
            builder.conversationId(conversationId);
        }
        for (String property : properties) {
            int eq = property.indexOf('=');
            if (eq <= 0) {
                System.err.println("--property '" + property + "' is not name=value");
                return 1;
            }
            builder.property(MessageProperty.of(property.substring(0, eq), property.substring(eq + 1)));
        }
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            if (!Files.isRegularFile(file)) {
                System.err.println("--file " + file + " does not exist");
                return 1;
            }
            String type = i < mimeTypes.size() ? mimeTypes.get(i) : guess(file);
            builder.payload(Payload.of(file, type));
        }
        try (Gateway gateway = Gateway.start(home)) {
            String id;
            try {
                id = gateway.submit(builder.build());
            } catch (SubmissionException e) {
                System.err.println("REFUSED: " + e.errorCode() + " " + e.getMessage());
                return 3;
            }
            System.out.println("SEND_ENQUEUED " + id + "; waiting for the receipt (retries follow the PMode) ...");
            MessageRecord record = gateway.awaitOutcome(id, Duration.ofSeconds(waitSeconds));
            String error = record.errorCode().map(c -> ": " + c + " " + record.errorDetail().orElse("")).orElse("");
            System.out.println(record.status() + " " + id + " after " + record.attempts() + " attempt(s)" + error);
            return record.status() == MessageStatus.ACKNOWLEDGED ? 0 : record.status() == MessageStatus.SEND_FAILURE ? 3 : 4;
        }
    }

    private static String guess(Path file) throws java.io.IOException {
        String type = Files.probeContentType(file);
        return type == null ? "application/octet-stream" : type;
    }
}
