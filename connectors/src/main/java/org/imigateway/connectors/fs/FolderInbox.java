package org.imigateway.connectors.fs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.imigateway.connectors.Delivery;
import org.imigateway.connectors.DeliveryListener;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.PayloadFileName;

/**
 * Writes delivered messages into a folder, the one on-disk format of every folder delivery: the
 * gateway's default backend ({@code data/inbox/}) and a configured folder backend
 * ({@code <root>/inbox/}). Under {@code root}:
 * <pre>
 *   inbox/&lt;hash&gt;/       one folder per message: metadata.xml + one file per payload, named by its
 *                          FileName part property (sanitised) or payload-1, payload-2, ...
 *   .inbox-staging/      messages being written; emptied when the inbox is opened
 * </pre>
 * {@code <hash>} is {@link #folderName}: a hash of the MessageId rather than the MessageId itself,
 * so that two MessageIds differing only in case stay two folders on a case-insensitive file
 * system, and no MessageId a sender picks can take the folder of another message.
 * <p>A message is written into the staging folder, synced, then renamed into place in one atomic
 * step: a crash leaves the whole message or none of it (a half-written one stays in staging, is
 * never read, and is removed at the next start, while the gateway offers the message again). A
 * second hand-off of the same MessageId finds its folder and changes nothing.
 */
public final class FolderInbox implements DeliveryListener {

    /** The file of a message folder that holds its ebMS header and properties; the same name as a submission's. */
    public static final String METADATA = SubmissionMetadata.FILE;

    /** The folder of not yet complete messages, beside {@code inbox/} so that the rename stays on one file system. */
    public static final String STAGING = ".inbox-staging";

    private final Path inbox;
    private final Path staging;

    /** Opens (creating if needed) {@code root/inbox}, and empties the staging folder a crash may have left. */
    public FolderInbox(Path root) throws IOException {
        this.inbox = Files.createDirectories(root.resolve("inbox"));
        this.staging = Files.createDirectories(root.resolve(STAGING));
        try (Stream<Path> leftovers = Files.list(staging)) {
            for (Path leftover : leftovers.toList()) {
                DurableFiles.deleteTree(leftover);
            }
        }
    }

    /** The inbox folder itself, which holds one folder per message. */
    public Path folder() {
        return inbox;
    }

    @Override
    public void deliver(Delivery message) throws IOException {
        Path target = folderOf(message.messageId());
        if (Files.exists(target)) {
            return;
        }
        Path temp = Files.createTempDirectory(staging, "msg-");
        try {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < message.payloads().size(); i++) {
                String name = fileName(message.payloads().get(i), i + 1, names);
                Files.copy(message.payloads().get(i).file(), temp.resolve(name));
                DurableFiles.sync(temp.resolve(name));
                names.add(name);
            }
            Path metadata = temp.resolve(METADATA);
            try (OutputStream out = Files.newOutputStream(metadata)) {
                DeliveryMetadata.write(message, names, out);
            }
            DurableFiles.sync(metadata);
            DurableFiles.moveAtomically(temp, target);
        } catch (IOException | RuntimeException e) {
            deleteLeftover(temp);
            // A rename refused because another hand-off of the same MessageId got there first (an
            // atomic rename reports it as a plain FileSystemException on Linux): delivered.
            if (!(e instanceof IOException) || !Files.isRegularFile(target.resolve(METADATA))) {
                throw e;
            }
        }
    }

    /**
     * The payload's own file name (its {@link PayloadFileName} part property, sanitised) when it has
     * one that is free, else {@code payload-<n>}; never metadata.xml.
     */
    static String fileName(Payload payload, int number, List<String> taken) {
        String fallback = "payload-" + number;
        String name = PayloadFileName.of(payload.properties()).orElse(fallback);
        if (name.equalsIgnoreCase(METADATA) || taken.contains(name)) {
            name = fallback;
        }
        for (int n = 2; taken.contains(name); n++) {
            name = fallback + "-" + n;
        }
        return name;
    }

    /** The delivered messages, one folder each, in name order. */
    public List<Path> messages() throws IOException {
        try (Stream<Path> folders = Files.list(inbox)) {
            return folders.filter(Files::isDirectory).sorted().toList();
        }
    }

    /** Where the message with this MessageId is, once delivered. */
    public Path folderOf(String messageId) {
        return inbox.resolve(folderName(messageId));
    }

    /** The first 16 bytes of the SHA-256 of the MessageId (UTF-8), in lower-case hex: 32 characters. */
    public static String folderName(String messageId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(messageId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a delivered message back from its folder; its payloads are the files in that folder. */
    public static Delivery read(Path folder) throws IOException {
        try (InputStream in = Files.newInputStream(folder.resolve(METADATA))) {
            return DeliveryMetadata.read(folder, in);
        }
    }

    private static void deleteLeftover(Path temp) {
        try {
            DurableFiles.deleteTree(temp);
        } catch (IOException e) {
            // Staging is never read and is emptied at the next start.
        }
    }
}
