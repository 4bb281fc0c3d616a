package org.imigateway.as4.outflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

class AdaptiveGzipTest {

    /** Windows of 16 KiB keep the test's arrays small; the production window is 1 MiB. */
    private static final int WINDOW = 16 * 1024;

    @Test
    void incompressibleStretchesAreStoredAndTextIsStillCompressed() throws IOException {
        byte[] random = random(24 * WINDOW);
        byte[] text = text(200 * WINDOW);
        byte[] content = concat(random, text);

        byte[] adaptive = gzip(content, true);

        assertArrayEquals(content, gunzip(adaptive));
        // the text after the random stretch is compressed again once the stored windows have run out
        assertTrue(adaptive.length < random.length + text.length * 3L / 4, adaptive.length + " bytes");
    }

    @Test
    void aLongIncompressibleStretchIsSearchedEverMoreRarely() throws IOException {
        byte[] random = random(600 * WINDOW);
        byte[] text = text(400 * WINDOW);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int searchedInRandom;
        try (AdaptiveGzip gzip = AdaptiveGzip.to(out, WINDOW)) {
            write(gzip, random);
            searchedInRandom = gzip.probes();
            write(gzip, text);
        }

        // windows 0, 16, 48, 112, 240, 368 and 496 (a run of 15 stored windows doubling up to 127);
        // one try every 16 windows, as before, would have been 38
        assertEquals(7, searchedInRandom);
        assertArrayEquals(concat(random, text), gunzip(out.toByteArray()));
        // the text is compressed again at most 127 windows after the random stretch ends
        assertTrue(out.size() < random.length + text.length * 3L / 4, out.size() + " bytes");
    }

    @Test
    void base64IsHuffmanCodedWithoutSearchingForMatchesAndComesOutNoLarger() throws IOException {
        // a document embedded in XML: the matches of a full deflate save under 1 % of it
        byte[] base64 = java.util.Base64.getMimeEncoder().encode(random(48 * WINDOW));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int huffman;
        try (AdaptiveGzip gzip = AdaptiveGzip.to(out, WINDOW)) {
            write(gzip, base64);
            huffman = gzip.huffmanChoices();
        }

        assertTrue(huffman >= 1, "Huffman coding alone was never chosen");
        assertArrayEquals(base64, gunzip(out.toByteArray()));
        assertTrue(out.size() <= gzip(base64, false).length * 101L / 100, out.size() + " bytes against plain gzip's "
                + gzip(base64, false).length);
    }

    @Test
    void compressibleContentCompressesAsWithPlainGzip() throws IOException {
        byte[] text = text(6 * WINDOW);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (AdaptiveGzip gzip = AdaptiveGzip.to(out, WINDOW)) {
            write(gzip, text);
            assertEquals(0, gzip.huffmanChoices(), "text is searched for matches");
        }
        byte[] adaptive = out.toByteArray();

        assertArrayEquals(text, gunzip(adaptive));
        assertTrue(adaptive.length <= gzip(text, false).length * 101L / 100, adaptive.length + " bytes");
    }

    @Test
    void singleBytesAndEmptyContentRoundTrip() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gzip = AdaptiveGzip.to(out, WINDOW)) {
            for (byte b : "byte by byte".getBytes(StandardCharsets.US_ASCII)) {
                gzip.write(b);
            }
        }
        assertArrayEquals("byte by byte".getBytes(StandardCharsets.US_ASCII), gunzip(out.toByteArray()));
        assertArrayEquals(new byte[0], gunzip(gzip(new byte[0], true)));
    }

    private static byte[] gzip(byte[] content, boolean adaptive) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gzip = adaptive ? AdaptiveGzip.to(out, WINDOW) : new GZIPOutputStream(out, 64 * 1024)) {
            write(gzip, content);
        }
        return out.toByteArray();
    }

    private static void write(OutputStream gzip, byte[] content) throws IOException {
        for (int i = 0; i < content.length; i += 65_536) {
            gzip.write(content, i, Math.min(65_536, content.length - i));
        }
    }

    private static byte[] random(int length) {
        byte[] random = new byte[length];
        new Random(21).nextBytes(random);
        return random;
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    private static byte[] text(int length) {
        StringBuilder s = new StringBuilder(length + 100);
        Random random = new Random(7);
        String[] words = {"alert", "authority", "member", "state", "procedure", "payload", "receipt", "gateway"};
        while (s.length() < length) {
            s.append(words[random.nextInt(words.length)]).append(random.nextInt(1000)).append(' ');
        }
        return s.substring(0, length).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
