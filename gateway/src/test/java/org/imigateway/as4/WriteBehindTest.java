package org.imigateway.as4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteBehindTest {

    @TempDir
    Path dir;

    @Test
    void startsSyncsAsTheFileGrowsAndWritesEveryByte() throws IOException {
        byte[] content = new byte[8 << 20];
        new Random(4).nextBytes(content);
        Path file = dir.resolve("body.mime");

        WriteBehind out = WriteBehind.open(file, 1 << 20, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try (out) {
            for (int i = 0; i < content.length; i += 100_000) {
                out.write(content, i, Math.min(100_000, content.length - i));
            }
        }

        // one sync at a time: a sync still running when the next MiB is full is not doubled
        assertTrue(out.flushesStarted() >= 1 && out.flushesStarted() <= 8, out.flushesStarted() + " syncs");
        assertArrayEquals(content, Files.readAllBytes(file));
    }

    @Test
    void aFileSmallerThanTheStepIsNeverSyncedHere() throws IOException {
        Path file = Files.createTempFile(dir, "plain-", ".bin");

        WriteBehind out = WriteBehind.open(file, StandardOpenOption.WRITE);
        try (out) {
            out.write(new byte[64 * 1024]);
            out.write('x');
        }

        assertEquals(0, out.flushesStarted());
        assertEquals(64 * 1024 + 1, Files.size(file));
    }
}
