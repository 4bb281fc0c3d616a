package org.imigateway.conformance.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/** The AS4 compression feature's gzip, and the damaged stream the TAD uses to provoke EBMS:0303. */
public final class Gzip {

    private Gzip() {
    }

    public static byte[] compress(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A valid gzip header followed by a deflate stream cut in half and scrambled: no reader can inflate it. */
    public static byte[] damaged(byte[] content) {
        byte[] good = compress(content);
        byte[] bad = Arrays.copyOf(good, Math.max(12, good.length / 2));
        for (int i = 10; i < bad.length; i++) {
            bad[i] ^= (byte) 0x5A;
        }
        return bad;
    }
}
