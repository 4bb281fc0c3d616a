package org.imigateway.as4.outflow;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A gzip stream (RFC 1952, one member) that searches for matches only where they pay. Deflate
 * spends about 30-50 MB/s of one core here whatever it is given; on incompressible bytes (already
 * compressed PDF, JPEG, ZIP, video: what large payloads mostly are) it saves nothing, and on
 * base64 text (documents embedded in XML) the matches save under 1 %: the saving is the Huffman
 * code's (6 bits a character), which Huffman coding alone gets at 110 MB/s instead of 32.
 *
 * <p>So the stream is cut into {@value #WINDOW}-byte windows, and the first sixteenth of a window
 * is a probe: deflated at the default level (into the stream) and Huffman-coded alone (counted
 * only). A probe that keeps more than {@value #KEEP_PERCENT} % of its size switches the deflater
 * to stored blocks (level 0: copy and CRC); one where the matches save less than
 * {@value #MIN_MATCH_GAIN_PERCENT} % against Huffman alone switches it to Huffman coding only;
 * either holds for the rest of the window and the next {@value #RUN_WINDOWS}, after which a
 * window is probed again. Each probe that again finds no matches worth it doubles that run, up to
 * {@value #MAX_RUN_WINDOWS} windows, and one that finds matches worth searching for sets it
 * back: a random 2 GiB payload is probed in about 20 windows, and content that compresses after a
 * long stretch that does not is searched again at most {@value #MAX_RUN_WINDOWS} windows
 * later. Text is deflated at the default level as before (the probe's Huffman count costs about 5 %).
 * The result is ordinary gzip that any inflater reads.
 */
final class AdaptiveGzip extends GZIPOutputStream {

    static final int WINDOW = 1 << 20;
    static final int KEEP_PERCENT = 97;
    /** Matches are searched for when they save at least this share of what Huffman coding alone writes. */
    static final int MIN_MATCH_GAIN_PERCENT = 5;
    static final int RUN_WINDOWS = 15;
    static final int MAX_RUN_WINDOWS = 127;

    private final Counting counted;
    private final int window;
    private final int probe;
    /** The probe's input, Huffman-coded once the probe is complete: a payload shorter than a probe never is. */
    private final byte[] probeInput;
    private Deflater huffmanProbe;
    private long windowIn;
    private long probeOutStart;
    private boolean probing = true;
    private int unsearchedLeft;
    private int unsearchedRun = RUN_WINDOWS;
    private int probes = 1;
    private int huffmanChoices;

    private AdaptiveGzip(Counting out, int window) throws IOException {
        super(out, 64 * 1024);
        this.counted = out;
        this.window = window;
        this.probe = Math.max(1, window / 16);
        this.probeInput = new byte[probe];
        this.probeOutStart = out.count; // the gzip header, written by the constructor, is not the probe's
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
            int n = (int) Math.min(length, (probing ? probe : window) - windowIn);
            super.write(buffer, offset, n);
            if (probing) {
                System.arraycopy(buffer, offset, probeInput, (int) windowIn, n);
            }
            offset += n;
            length -= n;
            windowIn += n;
            if (probing && windowIn == probe) {
                endOfProbe();
            }
            if (windowIn == window) {
                endOfWindow();
            }
        }
    }

    /** Stored, Huffman only, or deflated at the default level: for the rest of the window. */
    private void endOfProbe() throws IOException {
        probing = false;
        long deflated = drain();
        long huffman = huffmanCoded();
        if (deflated * 100 > probe * (long) KEEP_PERCENT) {
            stopSearching(Deflater.NO_COMPRESSION, Deflater.DEFAULT_STRATEGY);
        } else if (deflated * 100 > huffman * (100L - MIN_MATCH_GAIN_PERCENT)) {
            huffmanChoices++;
            stopSearching(Deflater.DEFAULT_COMPRESSION, Deflater.HUFFMAN_ONLY);
        } else {
            unsearchedRun = RUN_WINDOWS;
        }
    }

    /** Matches do not pay: no search for the rest of this window and a run of windows after it. */
    private void stopSearching(int level, int strategy) throws IOException {
        unsearchedLeft = unsearchedRun;
        unsearchedRun = Math.min(2 * unsearchedRun + 1, MAX_RUN_WINDOWS);
        switchTo(level, strategy);
    }

    private void endOfWindow() throws IOException {
        windowIn = 0;
        if (unsearchedLeft > 0) {
            unsearchedLeft--;
            return;
        }
        // the deflater's level and strategy are the default ones again, and what it holds of the
        // window before is written out, so the probe measures itself alone
        switchTo(Deflater.DEFAULT_COMPRESSION, Deflater.DEFAULT_STRATEGY);
        probeOutStart = counted.count;
        probing = true;
        probes++;
    }

    /**
     * Makes the deflater write out all it holds (a sync flush: the block ends, the dictionary
     * stays), so that a probe's compressed size is measured exactly.
     *
     * @return the compressed size of what was written since the probe began
     */
    private long drain() throws IOException {
        deflateAll(Deflater.SYNC_FLUSH);
        return counted.count - probeOutStart;
    }

    /**
     * The deflater takes a new level and strategy at its next call, and zlib applies them only
     * once the input it holds is written, with the old ones; called here with no input held, so
     * what follows is written wholly with the new ones, not from its second write on.
     */
    private void switchTo(int level, int strategy) throws IOException {
        drain();
        def.setLevel(level);
        def.setStrategy(strategy);
        deflateAll(Deflater.NO_FLUSH);
    }

    private void deflateAll(int flush) throws IOException {
        int n;
        while ((n = def.deflate(buf, 0, buf.length, flush)) > 0) {
            out.write(buf, 0, n);
        }
    }

    /** The size of the probe's input Huffman-coded alone (raw deflate, counted, not kept). */
    private long huffmanCoded() {
        if (huffmanProbe == null) {
            huffmanProbe = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            huffmanProbe.setStrategy(Deflater.HUFFMAN_ONLY);
        }
        huffmanProbe.setInput(probeInput, 0, probe);
        huffmanProbe.finish();
        long size = 0;
        while (!huffmanProbe.finished()) {
            size += huffmanProbe.deflate(buf);
        }
        huffmanProbe.reset();
        return size;
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            if (huffmanProbe != null) {
                huffmanProbe.end();
            }
        }
    }

    /** Windows probed so far, the one being written included. */
    int probes() {
        return probes;
    }

    /** Probes that chose Huffman coding alone. */
    int huffmanChoices() {
        return huffmanChoices;
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
