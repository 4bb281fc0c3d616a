package org.imigateway.cooperation.publicapi;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.imigateway.connectors.GatewayPort;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;
import org.imigateway.connectors.SubmissionException;
import org.imigateway.cooperation.Cooperation;
import org.imigateway.directory.Authority;
import org.imigateway.schemas.imi.ImiDocumentType;
import org.imigateway.port.SentMessages;
import org.imigateway.text.Untrusted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the public interface does with a document once its client is known: read it, find the
 * competent authority, keep it (payload file synced, then the row) and only then accept it with
 * a tracking id; send it on as an IMI business message from the hub to the authority's access
 * point. The MessageId is made from the tracking id, so sending it on again after a crash (the
 * recovery pass) sends nothing twice.
 */
public final class PublicSubmissions {

    private static final Logger LOG = LoggerFactory.getLogger(PublicSubmissions.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The outcome of a submission. */
    public sealed interface Outcome permits Accepted, Refused {
    }

    public record Accepted(String trackingId) implements Outcome {
    }

    /** @param status the HTTP status: 400 unreadable or invalid, 422 nowhere to go, 500 not stored */
    public record Refused(int status, String error, String detail, List<SubmissionCheck.Problem> problems)
            implements Outcome {
        public Refused {
            problems = List.copyOf(problems);
        }
    }

    /**
     * Records a document sent on as a case of personal data (need to know, retention), before it
     * counts as forwarded; recording the same one again changes nothing.
     */
    @FunctionalInterface
    public interface Filings {
        void record(StoredSubmission submission, String originalSender) throws Exception;
    }

    private final SubmissionCheck check;
    private final CompetentAuthority routing;
    private final SubmissionStore store;
    private final SentMessages sentMessages;
    private final GatewayPort outbound;
    private final Path folder;
    private final String hubParty;
    private final String sender;
    private final Clock clock;
    private final Filings filings;

    /**
     * @param folder where accepted documents are kept until sent on
     * @param sender the originalSender of what the hub sends on (the public interface's identity)
     */
    public PublicSubmissions(CompetentAuthority routing, SubmissionStore store, SentMessages sentMessages, GatewayPort outbound,
            Path folder, String hubParty, String sender, Clock clock, Filings filings, SubmissionCheck check)
            throws IOException {
        this.check = check;
        this.routing = routing;
        this.store = store;
        this.sentMessages = sentMessages;
        this.outbound = outbound;
        this.folder = Files.createDirectories(folder);
        this.hubParty = hubParty;
        this.sender = sender;
        this.clock = clock;
        this.filings = filings;
    }

    /** Checks, routes and stores a document; accepted means durable. Nothing refused is stored. */
    public Outcome accept(String client, byte[] document) {
        SubmissionCheck.Checked checked = check.check(document);
        if (checked instanceof SubmissionCheck.Invalid invalid) {
            String detail = switch (invalid.kind()) {
                case "doctype" -> "the document has a DOCTYPE, which is never processed";
                case "malformed" -> "the document is not well-formed XML";
                case "form" -> "the document is not one of the public forms";
                case "limits" -> "the document is nested too deep or has too many elements";
                default -> "the document is not valid against public.xsd";
            };
            return new Refused(400, invalid.kind(), detail, invalid.problems());
        }
        SubmissionCheck.Valid valid = (SubmissionCheck.Valid) checked;
        CompetentAuthority.Routing routed = routing.find(valid.procedure(), valid.country(), valid.region());
        if (routed instanceof CompetentAuthority.NotFound notFound) {
            return new Refused(422, "no-competent-authority", notFound.reason(),
                    List.of(new SubmissionCheck.Problem(0, 0, notFound.field(), notFound.reason())));
        }
        Authority authority = ((CompetentAuthority.Found) routed).authority();
        String trackingId = newTrackingId();
        Path file = folder.resolve(trackingId + ".xml");
        try {
            Files.write(file, document, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            store.insert(new StoredSubmission(trackingId, client, valid.type(), valid.procedure(), valid.country(),
                    valid.region(), authority.id(), authority.accessPoint(), messageId(trackingId), file, document.length,
                    HexFormat.of().formatHex(ClientAuthentication.sha256(document)), clock.instant(), Optional.empty(),
                    Optional.empty()));
        } catch (IOException | SQLException | RuntimeException e) {
            deleteQuietly(file);
            LOG.warn("public submission from client {} not stored: {}", client, Untrusted.inLog(e.getMessage()));
            return new Refused(500, "not-stored", "the submission could not be stored; nothing was kept, send it again",
                    List.of());
        }
        LOG.info("public submission {} ({}) from client {}: accepted for {} at {}", trackingId, valid.type(), client,
                authority.id(), authority.accessPoint());
        return new Accepted(trackingId);
    }

    /** Sends one accepted submission on, unless it has been already. */
    public void forward(String trackingId) {
        try {
            Optional<StoredSubmission> found = store.find(trackingId);
            if (found.isEmpty() || found.get().forwarded().isPresent() || found.get().failure().isPresent()) {
                return;
            }
            StoredSubmission s = found.get();
            try {
                outbound.submit(Submission.to(s.accessPoint())
                        .service(s.type().service(), ImiDocumentType.SERVICE_TYPE)
                        .action(s.type().action())
                        .conversationId(s.trackingId())
                        .messageId(s.messageId())
                        .property(MessageProperty.of(Cooperation.ORIGINAL_SENDER, sender))
                        .property(MessageProperty.of(Cooperation.FINAL_RECIPIENT, s.authority()))
                        .payload(Payload.of(s.payload(), "application/xml"))
                        .build());
                filings.record(s, sender);
                store.markForwarded(trackingId, clock.instant());
                LOG.info("public submission {}: sent on as message {} to {}", trackingId, s.messageId(), s.accessPoint());
            } catch (SubmissionException e) {
                if (e.getCause() instanceof IOException) {
                    LOG.warn("public submission {}: not sent on yet ({}), the recovery pass tries again", trackingId,
                            Untrusted.inLog(e.getMessage()));
                } else {
                    store.markFailed(trackingId, e.errorCode() + ": " + e.getMessage());
                    LOG.warn("public submission {}: cannot be sent on: {} {}", trackingId, e.errorCode(), Untrusted.inLog(e.getMessage()));
                }
            }
        } catch (Exception e) {
            LOG.warn("public submission {}: not sent on yet ({}), the recovery pass tries again", trackingId,
                    Untrusted.inLog(e.getMessage()));
        }
    }

    /** Sends on every accepted submission that was not: after a crash between the 202 and the submit. */
    public int recover() {
        try {
            List<StoredSubmission> pending = store.unforwarded();
            pending.forEach(s -> forward(s.trackingId()));
            return pending.size();
        } catch (SQLException e) {
            LOG.warn("public submissions: the recovery pass cannot read the pending ones: {}", e.getMessage());
            return 0;
        }
    }

    /** The status of a submission, for the client that filed it only (any other gets empty, as if it did not exist). */
    public Optional<SubmissionStatus> status(String client, String trackingId) throws SQLException {
        Optional<StoredSubmission> found = store.find(trackingId).filter(s -> s.client().equals(client));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        StoredSubmission s = found.get();
        SubmissionStatus.State state;
        Optional<String> reason = s.failure();
        if (reason.isPresent()) {
            state = SubmissionStatus.State.FAILED;
        } else if (s.forwarded().isEmpty()) {
            state = SubmissionStatus.State.RECEIVED;
        } else {
            Optional<SentMessages.Sent> message = sentMessages.find(s.messageId());
            SentMessages.Progress sent = message.map(SentMessages.Sent::progress).orElse(SentMessages.Progress.UNDER_WAY);
            state = switch (sent) {
                case ACKNOWLEDGED -> SubmissionStatus.State.DELIVERED;
                case FAILED -> SubmissionStatus.State.FAILED;
                case UNDER_WAY -> SubmissionStatus.State.FORWARDED;
            };
            if (sent == SentMessages.Progress.FAILED) {
                reason = Optional.of(message.get().errorCode().orElse("") + " "
                        + message.get().errorDetail().orElse("the authority's access point did not acknowledge it"));
            }
        }
        return Optional.of(new SubmissionStatus(s.trackingId(), state, s.authority(), s.country(), reason.map(String::trim)));
    }

    /** The MessageId of the message that carries a submission on: the same however often it is sent. */
    public String messageId(String trackingId) {
        return "public-" + trackingId + "@" + hubParty;
    }

    private static String newTrackingId() {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        return "PS-" + HexFormat.of().withUpperCase().formatHex(random);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("{} could not be removed: {}", file, e.getMessage());
        }
    }
}
