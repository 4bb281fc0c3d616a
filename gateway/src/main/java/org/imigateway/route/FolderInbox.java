package org.imigateway.route;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import org.imigateway.as4.WorkFolders;
import org.imigateway.connectors.Delivery;
import org.imigateway.connectors.DeliveryListener;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.fs.DurableFiles;

/**
 * The default backend of a gateway: one folder per delivered message under {@code inbox/},
 * named by a hash of the MessageId, holding {@code message.properties} and the payload files.
 * A message is written into a staging folder, synced, then renamed into place in one atomic
 * step: a crash leaves the whole message or none of it, and a second hand-off of the same
 * MessageId finds the folder taken and changes nothing (delivery is idempotent).
 */
public final class FolderInbox implements DeliveryListener {

    private final Path inbox;
    private final Path staging;

    public FolderInbox(Path root) throws IOException {
        this.inbox = Files.createDirectories(root.resolve("inbox"));
        this.staging = Files.createDirectories(root.resolve("inbox-staging"));
    }

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
        Properties meta = new Properties();
        meta.setProperty("messageId", message.messageId());
        meta.setProperty("conversationId", message.conversationId());
        message.refToMessageId().ifPresent(v -> meta.setProperty("refToMessageId", v));
        meta.setProperty("timestamp", message.timestamp().toString());
        meta.setProperty("from", message.fromPartyId());
        meta.setProperty("to", message.toPartyId());
        meta.setProperty("service", message.service());
        message.serviceType().ifPresent(v -> meta.setProperty("serviceType", v));
        meta.setProperty("action", message.action());
        putProperties(meta, "property.", message.properties());
        int i = 1;
        for (Payload payload : message.payloads()) {
            String name = "payload-" + i;
            Path file = temp.resolve(name);
            Files.copy(payload.file(), file);
            DurableFiles.sync(file);
            meta.setProperty(name + ".mimeType", payload.mimeType());
            payload.characterSet().ifPresent(v -> meta.setProperty(name + ".characterSet", v));
            putProperties(meta, name + ".property.", payload.properties());
            i++;
        }
        meta.setProperty("payloads", Integer.toString(message.payloads().size()));
        Path properties = temp.resolve("message.properties");
        try (OutputStream out = Files.newOutputStream(properties)) {
            meta.store(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), null);
        }
        DurableFiles.sync(properties);
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            DurableFiles.syncDirectory(inbox);
        } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
            WorkFolders.deleteQuietly(temp);
        }
    }

    /** The delivered messages, one folder each. */
    public List<Path> messages() throws IOException {
        try (Stream<Path> folders = Files.list(inbox)) {
            return folders.sorted().toList();
        }
    }

    public static Properties read(Path folder) throws IOException {
        Properties meta = new Properties();
        try (var in = Files.newBufferedReader(folder.resolve("message.properties"), StandardCharsets.UTF_8)) {
            meta.load(in);
        }
        return meta;
    }

    public Path folderOf(String messageId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(messageId.getBytes(StandardCharsets.UTF_8));
            return inbox.resolve(HexFormat.of().formatHex(hash, 0, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void putProperties(Properties meta, String prefix, List<MessageProperty> properties) {
        for (int i = 0; i < properties.size(); i++) {
            MessageProperty p = properties.get(i);
            String key = prefix + (i + 1);
            meta.setProperty(key + ".name", p.name());
            meta.setProperty(key + ".value", p.value());
            p.type().ifPresent(t -> meta.setProperty(key + ".type", t));
        }
    }
}
