package org.imigateway.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

import org.imigateway.connectors.Delivery;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.connectors.Payload;

/**
 * The interim durable sink: one folder per accepted message under {@code inbox/}, named by a
 * hash of the MessageId, holding {@code message.properties}, the payload files and
 * {@code receipt.xml}. A message is written into a staging folder, synced, then renamed into
 * place in one atomic step, so a crash leaves either the whole message or none of it, and a
 * second message with the same id finds the folder taken.
 */
public final class FolderSink implements InboundSink {

    private final Path inbox;
    private final Path staging;

    public FolderSink(Path root) throws IOException {
        this.inbox = Files.createDirectories(root.resolve("inbox"));
        this.staging = Files.createDirectories(root.resolve("staging"));
    }

    public Path inbox() {
        return inbox;
    }

    @Override
    public Optional<byte[]> receiptFor(String messageId) throws IOException {
        Path receipt = folder(messageId).resolve("receipt.xml");
        return Files.exists(receipt) ? Optional.of(Files.readAllBytes(receipt)) : Optional.empty();
    }

    @Override
    public Optional<byte[]> accept(Delivery message, byte[] receipt) throws IOException {
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
            Path target = temp.resolve(name);
            Files.copy(payload.file(), target);
            sync(target);
            meta.setProperty(name + ".mimeType", payload.mimeType());
            payload.characterSet().ifPresent(v -> meta.setProperty(name + ".characterSet", v));
            putProperties(meta, name + ".property.", payload.properties());
            i++;
        }
        meta.setProperty("payloads", Integer.toString(message.payloads().size()));
        write(temp.resolve("message.properties"), meta);
        writeSynced(temp.resolve("receipt.xml"), receipt);
        return publish(temp, message.messageId());
    }

    @Override
    public Optional<byte[]> acceptPing(String messageId, byte[] receipt) throws IOException {
        Path temp = Files.createTempDirectory(staging, "ping-");
        Properties meta = new Properties();
        meta.setProperty("messageId", messageId);
        meta.setProperty("ping", "true");
        write(temp.resolve("message.properties"), meta);
        writeSynced(temp.resolve("receipt.xml"), receipt);
        return publish(temp, messageId);
    }

    /** Lists the accepted (non-ping) messages: for tests and the command line. */
    public List<Path> messages() throws IOException {
        try (Stream<Path> folders = Files.list(inbox)) {
            return folders.filter(f -> !isPing(f)).sorted().toList();
        }
    }

    private static boolean isPing(Path folder) {
        try {
            return read(folder).getProperty("ping") != null;
        } catch (IOException e) {
            return false;
        }
    }

    public static Properties read(Path folder) throws IOException {
        Properties meta = new Properties();
        try (var in = Files.newBufferedReader(folder.resolve("message.properties"), StandardCharsets.UTF_8)) {
            meta.load(in);
        }
        return meta;
    }

    private Optional<byte[]> publish(Path temp, String messageId) throws IOException {
        Path target = folder(messageId);
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
            deleteTree(temp);
            return receiptFor(messageId);
        } catch (AtomicMoveNotSupportedException e) {
            deleteTree(temp);
            throw new IOException("the sink folder " + inbox + " does not support atomic renames", e);
        }
        syncDirectory(inbox);
        return Optional.empty();
    }

    private Path folder(String messageId) {
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

    private static void write(Path file, Properties meta) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            meta.store(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), null);
        }
        sync(file);
    }

    private static void writeSynced(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes);
        sync(file);
    }

    private static void sync(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems cannot sync a directory; the rename itself is still atomic.
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
