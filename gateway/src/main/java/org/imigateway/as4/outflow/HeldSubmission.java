package org.imigateway.as4.outflow;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import org.imigateway.as4.WorkFolders;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;

/**
 * A submission kept as it was given, because it could not be built yet: the receiver of a
 * message to a participant is only known once discovery answers. Its payloads are copied into
 * the message's outbox folder and its fields written to {@link #FILE}; the log records that file
 * as the body with {@link #CONTENT_TYPE}, so the send route knows to build the message first.
 */
public final class HeldSubmission {

    public static final String FILE = "submission.properties";
    /** The "body" of a held message in the log: not MIME yet, the submission to build from. */
    public static final String CONTENT_TYPE = "application/x-imi-held-submission";

    private HeldSubmission() {
    }

    /** Copies the payloads into {@code folder} and writes the submission beside them; returns the file. */
    public static Path write(Submission s, Path folder) throws IOException {
        Properties p = new Properties();
        p.setProperty("toParty", s.toParty());
        p.setProperty("service", s.service());
        s.serviceType().ifPresent(v -> p.setProperty("serviceType", v));
        p.setProperty("action", s.action());
        s.conversationId().ifPresent(v -> p.setProperty("conversationId", v));
        s.messageId().ifPresent(v -> p.setProperty("messageId", v));
        s.refToMessageId().ifPresent(v -> p.setProperty("refToMessageId", v));
        s.submissionId().ifPresent(v -> p.setProperty("submissionId", v));
        s.recipient().ifPresent(r -> {
            p.setProperty("recipient.participant", r.participant());
            p.setProperty("recipient.documentType", r.documentType());
            p.setProperty("recipient.process", r.process());
        });
        writeProperties(p, "property.", s.properties());
        for (int i = 0; i < s.payloads().size(); i++) {
            Payload payload = s.payloads().get(i);
            String key = "payload." + i + ".";
            // under its own name: the file name may be what the payload is known by downstream
            Path copy = Files.createDirectories(folder.resolve("held-payload-" + i)).resolve(payload.file().getFileName());
            Files.copy(payload.file(), copy, StandardCopyOption.REPLACE_EXISTING);
            p.setProperty(key + "file", folder.relativize(copy).toString());
            p.setProperty(key + "mimeType", payload.mimeType());
            payload.characterSet().ifPresent(v -> p.setProperty(key + "characterSet", v));
            writeProperties(p, key + "property.", payload.properties());
        }
        Path file = folder.resolve(FILE);
        try (OutputStream out = Files.newOutputStream(file)) {
            p.store(out, "a submission held until discovery answers");
        }
        return file;
    }

    public static Submission read(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        List<Payload> payloads = new ArrayList<>();
        for (int i = 0; p.getProperty("payload." + i + ".file") != null; i++) {
            String key = "payload." + i + ".";
            payloads.add(new Payload(file.resolveSibling(p.getProperty(key + "file")), required(p, key + "mimeType", file),
                    Optional.ofNullable(p.getProperty(key + "characterSet")), readProperties(p, key + "property.")));
        }
        Optional<Submission.Recipient> recipient = Optional.ofNullable(p.getProperty("recipient.participant"))
                .map(participant -> new Submission.Recipient(participant, p.getProperty("recipient.documentType", ""),
                        p.getProperty("recipient.process", "")));
        return new Submission(required(p, "toParty", file), required(p, "service", file),
                Optional.ofNullable(p.getProperty("serviceType")), required(p, "action", file),
                Optional.ofNullable(p.getProperty("conversationId")), Optional.ofNullable(p.getProperty("messageId")),
                Optional.ofNullable(p.getProperty("refToMessageId")), readProperties(p, "property."), payloads,
                Optional.ofNullable(p.getProperty("submissionId")), recipient);
    }

    /** Removes the held submission and its payload copies once the message is built. */
    public static void delete(Path folder) throws IOException {
        try (var entries = Files.list(folder)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (name.startsWith("held-payload-")) {
                    WorkFolders.deleteQuietly(entry);
                } else if (name.equals(FILE)) {
                    Files.delete(entry);
                }
            }
        }
    }

    private static void writeProperties(Properties p, String prefix, List<MessageProperty> properties) {
        for (int i = 0; i < properties.size(); i++) {
            MessageProperty property = properties.get(i);
            p.setProperty(prefix + i + ".name", property.name());
            p.setProperty(prefix + i + ".value", property.value());
            String key = prefix + i + ".type";
            property.type().ifPresent(t -> p.setProperty(key, t));
        }
    }

    private static List<MessageProperty> readProperties(Properties p, String prefix) {
        List<MessageProperty> properties = new ArrayList<>();
        for (int i = 0; p.getProperty(prefix + i + ".name") != null; i++) {
            properties.add(new MessageProperty(p.getProperty(prefix + i + ".name"), p.getProperty(prefix + i + ".value", ""),
                    Optional.ofNullable(p.getProperty(prefix + i + ".type"))));
        }
        return properties;
    }

    private static String required(Properties p, String key, Path file) throws IOException {
        String value = p.getProperty(key);
        if (value == null) {
            throw new IOException(file + " lacks " + key);
        }
        return value;
    }
}
