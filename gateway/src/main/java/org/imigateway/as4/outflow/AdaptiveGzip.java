package org.imigateway.as4.outflow;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A gzip stream (RFC 1952, one member) that stops searching for matches in stretches that do
 * not compress. Deflate spends the same CPU on incompressible bytes (already compressed PDF,
 * JPEG, ZIP, video: what large payloads mostly are) as on text, about 50 MB/s of one core here,
 * to save nothing. So each {@value #WINDOW}-byte window is compressed at the default level; a
 * window that came out larger than {@value #KEEP_PERCENT} % of its input switches the deflater to
 * stored blocks (level 0: copy and CRC) for the next {@value #STORED_WINDOWS} windows, after which
 * one window is tried at the default level again. The result is ordinary gzip that any inflater
 * reads; compressible content is compressed as before.
 */
final class AdaptiveGzip extends GZIPOutputStream {

    static final int WINDOW = 1 << 20;
    static final int KEEP_PERCENT = 97;
    static final int STORED_WINDOWS = 15;

    private final Counting counted;
    private final int window;
    private long windowIn;
    private long windowOutStart;
    private int storedLeft;

    private AdaptiveGzip(Counting out, int window) throws IOException {
        super(out, 64 * 1024);
        this.counted = out;
        this.window = window;
    }

    static AdaptiveGzip to(OutputStream out) throws IOException {
        return to(out, WINDOW);
    }

    /** With a window of {@code window} bytes (tests use small ones). */
    static AdaptiveGzip to(OutputStream out, int window) throws IOException {
        return new AdaptiveGzip(new Counting(out), window);
    }

    @Override
    public synchronized void write(byte[] buffer, int offset, int length) throws IOException {
        while (length > 0) {
            int n = (int) Math.min(length, window - windowIn);
            super.write(buffer, offset, n);
            offset += n;
            length -= n;
            windowIn += n;
            if (windowIn == window) {
                endOfWindow();
            }
        }
    }

    /** Stored or compressed, for the window that starts now. */
    private void endOfWindow() {
        if (storedLeft > 0) {
            storedLeft--;
            if (storedLeft == 0) {
                def.setLevel(Deflater.DEFAULT_COMPRESSION);
            }
        } else if ((counted.count - windowOutStart) * 100 > window * (long) KEEP_PERCENT) {
            // a window's output lags its input by the deflater's buffering, small beside a window
            storedLeft = STORED_WINDOWS;
            def.setLevel(Deflater.NO_COMPRESSION);
        }
        windowIn = 0;
        windowOutStart = counted.count;
    }

    /** Counts the compressed bytes written. */
    private static final class Counting extends FilterOutputStream {
        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
