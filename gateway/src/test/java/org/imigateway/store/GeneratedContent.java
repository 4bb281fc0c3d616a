package org.imigateway.store;

import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A stream of pseudo-random bytes made on the fly from a seed, so tests can push and compare
 * large payloads without holding them: the same seed and length give the same bytes.
 */
final class GeneratedContent extends InputStream {

    private final long length;
    private long position;
    private long state;

    GeneratedContent(long seed, long length) {
        this.length = length;
        this.state = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
    }

    @Override
    public int read() {
        if (position >= length) {
            return -1;
        }
        position++;
        return next();
    }

    @Override
    public int read(byte[] buffer, int offset, int count) {
        if (position >= length) {
            return -1;
        }
        int n = (int) Math.min(count, length - position);
        for (int i = 0; i < n; i++) {
            buffer[offset + i] = (byte) next();
        }
        position += n;
        return n;
    }

    private int next() {
        // xorshift64: fast, and far from the runs of equal bytes that would hide an off-by-one.
        state ^= state << 13;
        state ^= state >>> 7;
        state ^= state << 17;
        return (int) (state & 0xFF);
    }

    /** SHA-256 (hex) of the whole stream, computed by reading it. */
    static String sha256(InputStream in) throws java.io.IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) != -1) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
