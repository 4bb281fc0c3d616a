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

import org.imigateway.directory.Authority;
import org.imigateway.port.SentMessages;
import org.imigateway.text.Untrusted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the public interface does with a document once its client is known: read it, find the
 * competent authority, keep it (payload file synced, then the row) and only then accept it with
 * a tracking id; and what it answers about it later. {@link PublicForwarding} sends it on, under
 * the MessageId made here from the tracking id.
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

    private final SubmissionCheck check;
    private final CompetentAuthority routing;
    private final SubmissionStore store;
    private final SentMessages sentMessages;
    private final Path folder;
    private final String hubParty;
    private final Clock clock;

    /** @param folder where accepted documents are kept until sent on */
    public PublicSubmissions(CompetentAuthority routing, SubmissionStore store, SentMessages sentMessages, Path folder,
            String hubParty, Clock clock, SubmissionCheck check) throws IOException {
        this.check = check;
        this.routing = routing;
        this.store = store;
        this.sentMessages = sentMessages;
        this.folder = Files.createDirectories(folder);
        this.hubParty = hubParty;
        this.clock = clock;
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
