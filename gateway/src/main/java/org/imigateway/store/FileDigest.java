package org.imigateway.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The size and SHA-256 (lowercase hex) of a payload file, taken by whoever wrote it, so that the
 * payload store need not read a large file again to find them.
 */
public record FileDigest(long size, String sha256) {

    public FileDigest {
        Objects.requireNonNull(sha256, "sha256");
        if (size < 0) {
            throw new IllegalArgumentException("size " + size);
        }
    }

    /** Reads {@code channel} to its end. */
    static FileDigest of(ReadableByteChannel channel, int bufferSize) throws IOException {
        Builder digest = new Builder();
        ByteBuffer buffer = ByteBuffer.allocate(bufferSize);
        while (channel.read(buffer) != -1) {
            buffer.flip();
            digest.add(buffer.array(), 0, buffer.limit());
            buffer.clear();
        }
        return digest.build();
    }

    /** Takes size and SHA-256 of bytes as they pass (written to a file, read from one). */
    public static final class Builder {

        private final MessageDigest sha256;
        private long size;

        public Builder() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
        }

        public void add(byte[] bytes, int offset, int length) {
            sha256.update(bytes, offset, length);
            size += length;
        }

        /** The size so far (a limit can be checked before the bytes are added). */
        public long size() {
            return size;
        }

        public FileDigest build() {
            return new FileDigest(size, HexFormat.of().formatHex(sha256.digest()));
        }
    }
}
