package org.imigateway.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import org.imigateway.connectors.MessageProperty;
import org.imigateway.connectors.Payload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Payload content, in files rather than in the database: Derby BLOBs stop at 2 GB and payloads
 * must never be held whole in memory. A payload is first streamed into {@code incoming/}
 * (measuring its size and SHA-256 on the way) and synced; then the transaction that names it
 * commits; then it is moved to {@code files/}. A crash leaves in {@code incoming/} only files
 * whose transaction either committed (moved into place by {@link #recover}) or did not (deleted).
 */
public final class PayloadStore {

    private static final Logger LOG = LoggerFactory.getLogger(PayloadStore.class);
    private static final int BUFFER = 64 * 1024;

    /** A payload written and synced in {@code incoming/}, not yet named by a committed row. */
    record Staged(String storageName, Path file, long size, String sha256) {
    }

    private final Database database;
    private final Path incoming;
    private final Path files;

    public PayloadStore(Database database, Path root) throws IOException {
        this(database, root, "");
    }

    /**
     * A store in a folder several cluster nodes share: each node stages in {@code incoming/<node>/},
     * because {@link #recover} deletes what it finds uncommitted there, and another node's staged
     * file is uncommitted only until that node's commit.
     */
    public PayloadStore(Database database, Path root, String node) throws IOException {
        this.database = database;
        this.incoming = Files.createDirectories(node.isEmpty() ? root.resolve("incoming")
                : root.resolve("incoming").resolve(node));
        this.files = Files.createDirectories(root.resolve("files"));
    }

    // ---------------------------------------------------------------- storing

    /**
     * Takes {@code source} over as a new file in {@code incoming/}, synced: moved when it is on
     * the same file system (a large payload is not written a second time), copied otherwise (a
     * payload store on a shared folder), and then {@code source} is deleted. {@code known}: the
     * size and SHA-256 its writer took; a moved file of that size is not read again (2 GiB took
     * 1.5 s), only synced; without it, or when the size differs, the file is read for them.
     */
    Staged stage(Path source, Optional<FileDigest> known) throws IOException {
        String name = UUID.randomUUID().toString();
        Path file = incoming.resolve(name);
        try {
            Files.move(source, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Staged copied;
            try (InputStream content = Files.newInputStream(source)) {
                copied = stage(content);
            }
            Files.deleteIfExists(source);
            return copied;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileDigest digest = known.isPresent() && known.get().size() == channel.size() ? known.get()
                    : FileDigest.of(channel, BUFFER);
            channel.force(true);
            syncDirectory(incoming);
            return new Staged(name, file, digest.size(), digest.sha256());
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** Streams {@code content} into a new file in {@code incoming/} and syncs it to disk. */
    Staged stage(InputStream content) throws IOException {
        String name = UUID.randomUUID().toString();
        Path file = incoming.resolve(name);
        FileDigest.Builder digest = new FileDigest.Builder();
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[BUFFER];
            int read;
            while ((read = content.read(buffer)) != -1) {
                digest.add(buffer, 0, read);
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, read);
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
            }
            out.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        syncDirectory(incoming);
        FileDigest taken = digest.build();
        return new Staged(name, file, taken.size(), taken.sha256());
    }

    /** Inserts the payload rows of a message on {@code connection}, in the caller's transaction. */
    void insertRows(Connection connection, long messageRef, List<Payload> payloads, List<Staged> staged)
            throws SQLException {
        if (payloads.isEmpty()) {
            return;
        }
        try (PreparedStatement payload = connection.prepareStatement("INSERT INTO payload (message_ref, part_index,"
                + " mime_type, charset, size_bytes, sha256, storage_name) VALUES (?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement property = connection.prepareStatement("INSERT INTO payload_property (message_ref,"
                        + " part_index, seq, prop_name, prop_value, prop_type) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < payloads.size(); i++) {
                Payload part = payloads.get(i);
                Staged file = staged.get(i);
                int index = i + 1;
                payload.setLong(1, messageRef);
                payload.setInt(2, index);
                payload.setString(3, Jdbc.fit("MIME type of payload " + index, part.mimeType(), MessageLog.MAX_TEXT));
                Jdbc.setText(payload, 4, Jdbc.fit("character set of payload " + index, part.characterSet(), 64));
                payload.setLong(5, file.size());
                payload.setString(6, file.sha256());
                payload.setString(7, file.storageName());
                payload.executeUpdate();
                List<MessageProperty> properties = part.properties();
                for (int p = 0; p < properties.size(); p++) {
                    property.setLong(1, messageRef);
                    property.setInt(2, index);
                    property.setInt(3, p + 1);
                    MessageRows.bindProperty(property, 4, properties.get(p));
                    property.addBatch();
                }
            }
            property.executeBatch();
        }
    }

    /** Moves staged files into place once the transaction that names them has committed. */
    void publish(List<Staged> staged) throws IOException {
        for (Staged file : staged) {
            moveIntoPlace(file.storageName());
        }
        syncDirectory(incoming);
    }

    /** Deletes staged files whose transaction did not commit. */
    void discard(List<Staged> staged) {
        for (Staged file : staged) {
            try {
                Files.deleteIfExists(file.file());
            } catch (IOException e) {
                LOG.warn("cannot delete the uncommitted payload file {}; it goes at the next start: {}", file.file(),
                        e.getMessage());
            }
        }
    }

    // ---------------------------------------------------------------- reading

    /** What the log says about the payloads of a message, in their order. */
    public List<StoredPayload> payloads(String messageId, Direction direction) {
        try {
            return database.inTransaction(connection -> payloads(connection, messageId, direction));
        } catch (SQLException e) {
            throw new StoreException("cannot read the payloads of " + direction + " message " + messageId + ": "
                    + Jdbc.describe(e), e);
        }
    }

    /** The payload rows of a message, read on {@code connection} (inside the caller's transaction). */
    List<StoredPayload> payloads(Connection connection, String messageId, Direction direction) throws SQLException {
        List<StoredPayload> payloads = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT p.message_ref, p.part_index,"
                + " p.mime_type, p.charset, p.size_bytes, p.sha256, p.storage_name FROM payload p"
                + " JOIN message m ON m.id = p.message_ref"
                + " WHERE m.message_id = ? AND m.direction = ? ORDER BY p.part_index");
                PreparedStatement properties = connection.prepareStatement("SELECT prop_name, prop_value,"
                        + " prop_type FROM payload_property WHERE message_ref = ? AND part_index = ?"
                        + " ORDER BY seq")) {
            select.setString(1, messageId);
            select.setString(2, direction.name());
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    properties.setLong(1, row.getLong("message_ref"));
                    properties.setInt(2, row.getInt("part_index"));
                    payloads.add(new StoredPayload(row.getInt("part_index"), row.getString("mime_type"),
                            Jdbc.optionalText(row, "charset"), MessageRows.readProperties(properties),
                            row.getLong("size_bytes"), row.getString("sha256"), row.getString("storage_name")));
                }
            }
        }
        return payloads;
    }

    /** The content of payload {@code index} (from 1) of a message, as a stream to read once. */
    public InputStream open(String messageId, Direction direction, int index) throws IOException {
        StoredPayload payload = payloads(messageId, direction).stream().filter(p -> p.index() == index).findFirst()
                .orElseThrow(() -> new NoSuchFileException(direction + " message " + messageId + " has no payload " + index));
        return Files.newInputStream(file(payload));
    }

    /** Where the content of a stored payload lives; read it, never change it. */
    public Path file(StoredPayload payload) {
        return placed(payload.storageName());
    }

    // ---------------------------------------------------------------- start-up

    /**
     * Settles what a crash left in {@code incoming/}: a file named by a committed row is moved
     * into place, any other file is an orphan and is deleted. Run at start-up, before messages
     * are accepted: a file being written right now would look like an orphan.
     *
     * @return how many orphans were deleted
     */
    public int recover() throws IOException {
        List<Path> left;
        try (Stream<Path> list = Files.list(incoming)) {
            left = list.toList();
        }
        int orphans = 0;
        for (Path file : left) {
            String name = file.getFileName().toString();
            if (isCommitted(name)) {
                moveIntoPlace(name);
                LOG.info("payload file {} was committed before a crash; moved into place", name);
            } else {
                Files.delete(file);
                orphans++;
                LOG.info("payload file {} has no committed message; deleted", name);
            }
        }
        syncDirectory(incoming);
        return orphans;
    }

    private boolean isCommitted(String storageName) {
        try {
            return database.inTransaction(connection -> {
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT 1 FROM payload WHERE storage_name = ?")) {
                    select.setString(1, storageName);
                    try (ResultSet row = select.executeQuery()) {
                        return row.next();
                    }
                }
            });
        } catch (SQLException e) {
            throw new StoreException("cannot look up payload file " + storageName + ": " + Jdbc.describe(e), e);
        }
    }

    // ---------------------------------------------------------------- files

    /** Files are spread over 256 folders by the first two characters of their random name. */
    private Path placed(String storageName) {
        return files.resolve(storageName.substring(0, 2)).resolve(storageName);
    }

    private void moveIntoPlace(String storageName) throws IOException {
        Path target = placed(storageName);
        Path folder = Files.createDirectories(target.getParent());
        Files.move(incoming.resolve(storageName), target, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(folder);
    }

    Path incomingFolder() {
        return incoming;
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems cannot sync a directory; the file contents are synced regardless.
        }
    }
}
