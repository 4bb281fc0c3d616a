package org.imigateway.as4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkFoldersTest {

    @TempDir
    Path dir;

    @Test
    void aCreatedFileIsWrittenWithoutTruncatingAndAMissingOneIsNotMade() throws Exception {
        Path created = Files.createTempFile(dir, "part-", ".bin");
        try (OutputStream out = WorkFolders.openCreated(created)) {
            out.write(new byte[] {1, 2, 3});
        }
        assertEquals(3, Files.size(created));
        assertThrows(NoSuchFileException.class, () -> WorkFolders.openCreated(dir.resolve("never-created")).close());
    }

    @Test
    void whatIsHandedToTheCleanerIsGoneOnceItIsAwaited() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("in-1").resolve("nested"));
        Files.writeString(folder.resolve("part-1.bin"), "spooled");
        Path file = Files.writeString(dir.resolve("gz-1.bin"), "intermediate");

        WorkFolders.deleteLater(dir.resolve("in-1"));
        WorkFolders.deleteLater(file);
        WorkFolders.deleteLater(null);

        assertTrue(WorkFolders.awaitPending(Duration.ofSeconds(10)));
        assertFalse(Files.exists(dir.resolve("in-1")));
        assertFalse(Files.exists(file));
    }
}
