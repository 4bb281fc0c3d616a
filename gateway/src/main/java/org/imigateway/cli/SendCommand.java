package org.imigateway.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.imigateway.Gateway;
import org.imigateway.as4.outflow.SendResult;
import org.imigateway.config.DemoNetwork;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code send}: sends files from the gateway of a home to a party, and reports the receipt or the error. */
@Command(name = "send", mixinStandardHelpOptions = true, description = "Send files as one AS4 message to a party.")
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
        try (Gateway gateway = Gateway.open(home)) {
            SendResult result = gateway.send(builder.build());
            if (result instanceof SendResult.Acknowledged ack) {
                System.out.println("ACKNOWLEDGED " + ack.messageId() + " by " + to + " (signed receipt verified)");
                return 0;
            }
            SendResult.Failed failed = (SendResult.Failed) result;
            System.err.println("FAILED " + failed.messageId() + ": " + failed.error()
                    + (failed.retryable() ? " (temporary: try again)" : ""));
            return 3;
        }
    }

    private static String guess(Path file) throws java.io.IOException {
        String type = Files.probeContentType(file);
        return type == null ? "application/octet-stream" : type;
    }
}
