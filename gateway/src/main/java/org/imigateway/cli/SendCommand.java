package org.imigateway.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.imigateway.Gateway;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;
import org.imigateway.connectors.SubmissionException;
import org.imigateway.ops.MessageReport;
import org.imigateway.store.MessageRecord;
import org.imigateway.store.MessageStatus;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code send}: sends files as one message to a party, and reports the receipt or the error:
 * through a running gateway's submission endpoint ({@code --url} or {@code --gateway}), or by
 * running a stopped home's gateway just long enough ({@code --home}).
 */
@Command(name = "send", mixinStandardHelpOptions = true, description = "Send files as one AS4 message to a party, and wait"
        + " for the receipt: through a running gateway or cluster (--url or --gateway, with an operator token), or through"
        + " the gateway of a stopped home (--home). Exit 0 ACKNOWLEDGED, 3 refused or SEND_FAILURE, 4 still pending.")
public final class SendCommand implements Callable<Integer> {

    private static final Duration POLL = Duration.ofSeconds(1);
    /** How often a send that waits for its outcome says where the message stands. */
    private static final Duration PROGRESS = Duration.ofSeconds(15);

    @Option(names = "--home", defaultValue = ImiGatewayCommand.DEFAULT_HOME, description = "Home of a stopped sending gateway (default:"
            + " ${DEFAULT-VALUE}); not with --url or --gateway.")
    Path home;

    @Mixin
    RemoteOptions remote;

    @Option(names = "--to", description = "Receiving party name (as in the PModes); or --participant.")
    String to;

    @Option(names = "--participant", description = "Receiving participant (scheme::value), found by dynamic discovery"
            + " on a leg marked dynamic; needs --document-type and --process.")
    String participant;

    @Option(names = "--document-type", description = "Document type identifier (scheme::value) the SMP is asked for.")
    String documentType;

    @Option(names = "--process", description = "Process identifier (scheme::value) the SMP is asked for.")
    String process;

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

    @Option(names = "--message-id", description = "MessageId (generated when absent); a MessageId already sent is"
            + " not sent again.")
    String messageId;

    @Option(names = "--property", description = "Message property name=value (repeatable), e.g. finalRecipient=urn:x.")
    List<String> properties = new ArrayList<>();

    @Option(names = "--wait", defaultValue = "600", description = "Seconds to wait for a final status (default: ${DEFAULT-VALUE}).")
    long waitSeconds;

    @Override
    public Integer call() throws Exception {
        if ((to == null) == (participant == null)) {
            System.err.println("name the receiver with either --to PARTY or --participant SCHEME::VALUE");
            return ExitCodes.USAGE;
        }
        if (participant != null && (documentType == null || process == null)) {
            System.err.println("--participant " + participant + " needs --document-type and --process");
            return ExitCodes.USAGE;
        }
        if (participant == null && (documentType != null || process != null)) {
            System.err.println("--document-type and --process go with --participant, not --to");
            return ExitCodes.USAGE;
        }
        for (String property : properties) {
            if (property.indexOf('=') <= 0) {
                System.err.println("--property '" + property + "' is not name=value");
                return ExitCodes.USAGE;
            }
        }
        List<Payload> payloads = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                System.err.println("--file " + file + (Files.exists(file) ? " is not a readable file" : " does not exist"));
                return ExitCodes.USAGE;
            }
            String type = i < mimeTypes.size() ? mimeTypes.get(i) : guess(file);
            if (type.isBlank() || type.indexOf('/') <= 0) {
                System.err.println("--mime-type '" + type + "' of --file " + file + " is not a MIME type (type/subtype)");
                return ExitCodes.USAGE;
            }
            payloads.add(Payload.of(file, type));
        }
        return remote.remote() ? sendThroughRunning(payloads) : sendFromHome(payloads);
    }

    private int sendThroughRunning(List<Payload> payloads) throws Exception {
        RemoteGateway gateway;
        String id;
        try {
            gateway = remote.connect();
            id = gateway.submit(new RemoteGateway.Fields(to, service, serviceType, action,
                    Optional.ofNullable(conversationId), Optional.ofNullable(messageId), properties, payloads,
                    Optional.ofNullable(participant).map(p -> new Submission.Recipient(p, documentType, process))));
        } catch (RemoteGateway.Refused e) {
            System.err.println("REFUSED: " + e.getMessage());
            return ExitCodes.REFUSED;
        } catch (RemoteGateway.RemoteException e) {
            System.err.println(e.getMessage());
            return e.exitCode();
        }
        System.out.println("SEND_ENQUEUED " + id + "; waiting for the receipt (retries follow the PMode) ...");
        Instant deadline = Instant.now().plusSeconds(waitSeconds);
        MessageReport report = MessageReport.accepted(id);
        long polls = 0;
        try {
            while (true) {
                report = gateway.status(id).orElse(report);
                if (isFinal(report.status()) || !Instant.now().isBefore(deadline)) {
                    break;
                }
                if (++polls % PROGRESS.dividedBy(POLL) == 0) {
                    System.out.println("  " + report.status() + " after " + report.attempts() + " attempt(s); waiting up to "
                            + Duration.between(Instant.now(), deadline).toSeconds() + " s more ...");
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (RemoteGateway.RemoteException e) {
            System.err.println("the message " + id + " was accepted; its outcome cannot be read: " + e.getMessage());
            return ExitCodes.UNREACHABLE;
        }
        System.out.println(report.status() + " " + id + " after " + report.attempts() + " attempt(s)"
                + report.error().map(e -> ": " + e).orElse(""));
        return exit(report.status());
    }

    private int sendFromHome(List<Payload> payloads) throws Exception {
        Submission.Builder builder = (participant != null
                ? Submission.toParticipant(participant, documentType, process) : Submission.to(to))
                .service(service, serviceType).action(action);
        if (conversationId != null) {
            builder.conversationId(conversationId);
        }
        if (messageId != null) {
            builder.messageId(messageId);
        }
        for (String property : properties) {
            int eq = property.indexOf('=');
            builder.property(MessageProperty.of(property.substring(0, eq), property.substring(eq + 1)));
        }
        payloads.forEach(builder::payload);
        System.out.println("Starting the gateway of " + home.toAbsolutePath() + " to send ...");
        try (Gateway gateway = Gateway.start(home)) {
            String id;
            try {
                id = gateway.submit(builder.build());
            } catch (SubmissionException e) {
                System.err.println("REFUSED: " + e.errorCode() + " " + e.getMessage());
                return ExitCodes.REFUSED;
            }
            System.out.println("SEND_ENQUEUED " + id + "; waiting for the receipt (retries follow the PMode) ...");
            MessageRecord record = awaitOutcome(gateway, id);
            String error = record.errorCode().map(c -> ": " + c + " " + record.errorDetail().orElse("")).orElse("");
            System.out.println(record.status() + " " + id + " after " + record.attempts() + " attempt(s)" + error);
            return exit(record.status().name());
        }
    }

    /** Waits up to --wait for ACKNOWLEDGED or SEND_FAILURE, saying every PROGRESS where the message stands. */
    private MessageRecord awaitOutcome(Gateway gateway, String id) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(waitSeconds);
        while (true) {
            Duration left = Duration.between(Instant.now(), deadline);
            MessageRecord record = gateway.awaitOutcome(id, left.compareTo(PROGRESS) < 0 ? left : PROGRESS);
            if (isFinal(record.status().name()) || !Instant.now().isBefore(deadline)) {
                return record;
            }
            System.out.println("  " + record.status() + " after " + record.attempts() + " attempt(s); waiting up to "
                    + Duration.between(Instant.now(), deadline).toSeconds() + " s more ...");
        }
    }

    private static boolean isFinal(String status) {
        return MessageStatus.ACKNOWLEDGED.name().equals(status) || MessageStatus.SEND_FAILURE.name().equals(status);
    }

    /** ACKNOWLEDGED 0; SEND_FAILURE 3; no final status within --wait (the receiver did not answer in time) 4. */
    private static int exit(String status) {
        return MessageStatus.ACKNOWLEDGED.name().equals(status) ? ExitCodes.OK
                : MessageStatus.SEND_FAILURE.name().equals(status) ? ExitCodes.REFUSED : ExitCodes.UNREACHABLE;
    }

    private static String guess(Path file) throws java.io.IOException {
        String type = Files.probeContentType(file);
        return type == null ? "application/octet-stream" : type;
    }
}
