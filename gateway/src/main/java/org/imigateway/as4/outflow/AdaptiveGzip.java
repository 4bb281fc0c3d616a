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
 * one window is tried at the default level again. Each try that fails again doubles the stored run,
 * up to {@value #MAX_STORED_WINDOWS} windows, and one that compresses sets it back: a 2 GiB payload
 * that is random throughout is searched in about 20 windows instead of 128 (each costs the 20 ms a
 * searched MiB takes), and compressible content after a long random stretch is compressed again
 * at most {@value #MAX_STORED_WINDOWS} windows later. The result is ordinary gzip that any inflater
 * reads; compressible content is compressed as before.
 */
final class AdaptiveGzip extends GZIPOutputStream {

    static final int WINDOW = 1 << 20;
    static final int KEEP_PERCENT = 97;
    static final int STORED_WINDOWS = 15;
    static final int MAX_STORED_WINDOWS = 127;

    private final Counting counted;
    private final int window;
    private long windowIn;
    private long windowOutStart;
    private int storedLeft;
    private int storedRun = STORED_WINDOWS;
    private int searched = 1;

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
    private void endOfWindow() throws IOException {
        if (storedLeft > 0) {
            storedLeft--;
            if (storedLeft == 0) {
                switchTo(Deflater.DEFAULT_COMPRESSION);
                searched++;
            }
        } else if (drain() * 100 > window * (long) KEEP_PERCENT) {
            storedLeft = storedRun;
            storedRun = Math.min(2 * storedRun + 1, MAX_STORED_WINDOWS);
            switchTo(Deflater.NO_COMPRESSION);
        } else {
            storedRun = STORED_WINDOWS;
            searched++;
        }
        windowIn = 0;
        windowOutStart = counted.count;
    }

    /**
     * Makes the deflater write out all it holds (a sync flush: the block ends, the dictionary
     * stays), so that a searched window's compressed size is measured exactly.
     *
     * @return the compressed size of the window written since the last window's end
     */
    private long drain() throws IOException {
        deflateAll(Deflater.SYNC_FLUSH);
        return counted.count - windowOutStart;
    }

    /**
     * The deflater takes a new level at its next call, and zlib applies it only once the input it
     * holds is written, at the old level; called here with no input held, so the window that
     * starts is written wholly at the new level, not from its second write on.
     */
    private void switchTo(int level) throws IOException {
        drain();
        def.setLevel(level);
        deflateAll(Deflater.NO_FLUSH);
    }

    private void deflateAll(int flush) throws IOException {
        int n;
        while ((n = def.deflate(buf, 0, buf.length, flush)) > 0) {
            out.write(buf, 0, n);
        }
    }

    /** Windows begun at the default level so far, the one being written included. */
    int searched() {
        return searched;
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
