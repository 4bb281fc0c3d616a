package org.imigateway.as4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileContentStreamTest {

    @TempDir
    Path dir;

    /**
     * WSS4J marks an attachment with Integer.MAX_VALUE, reads it through and resets it. A part larger
     * than the heap must survive that: the test heap is 256 MiB and the part is larger than the heap
     * left free, so a stream that buffered what it read would fail with OutOfMemoryError.
     */
    @Test
    void markWithoutLimitAndResetRereadPartLargerThanFreeHeap() throws Exception {
        long size = Runtime.getRuntime().maxMemory() + (16 << 20);
        Path file = dir.resolve("large.bin");
        try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {42}), size - 1);
        }
        As4Part part = new As4Part("p", "application/octet-stream", Map.of(), file);
        try (InputStream in = part.open()) {
            assertTrue(in.markSupported());
            in.mark(Integer.MAX_VALUE);
            assertEquals(size, drain(in));
            in.reset();
            assertEquals(size, drain(in));
        }
    }

    @Test
    void resetReturnsToTheMarkAndSingleByteAndBulkReadsAgree() throws Exception {
        byte[] content = new byte[200_000];
        new Random(5).nextBytes(content);
        Path file = Files.write(dir.resolve("part.bin"), content);
        try (InputStream in = new FileContentStream(file)) {
            assertEquals(content[0] & 0xff, in.read());
            assertEquals(99_999, in.skip(99_999));
            in.mark(1);
            byte[] rest = in.readAllBytes();
            in.reset();
            ByteArrayOutputStream again = new ByteArrayOutputStream();
            for (int b = in.read(); b >= 0; b = in.read()) {
                again.write(b);
            }
            byte[] expected = java.util.Arrays.copyOfRange(content, 100_000, content.length);
            assertArrayEquals(expected, rest);
            assertArrayEquals(expected, again.toByteArray());
            assertEquals(-1, in.read(new byte[8], 0, 8));
        }
    }

    private static long drain(InputStream in) throws Exception {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            total += n;
        }
        return total;
    }
}
