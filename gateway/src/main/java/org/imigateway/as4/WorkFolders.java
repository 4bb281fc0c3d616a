package org.imigateway.as4;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Temporary folders of one message's processing: removed whole once the message is done. */
public final class WorkFolders {

    private static final Logger LOG = LoggerFactory.getLogger(WorkFolders.class);

    private WorkFolders() {
    }

    /**
     * Removes the folders named {@code prefix*} under {@code root}: what a process killed mid-request
     * (SIGKILL, an exit on OutOfMemoryError) could not remove itself. Called before any request is taken.
     */
    public static void deleteStale(Path root, String prefix) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> children = Files.list(root)) {
            for (Path child : children.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
                deleteQuietly(child);
            }
        } catch (IOException e) {
            LOG.warn("work folder {} could not be listed: {}", root, e.getMessage());
        }
    }

    /** Removes a folder and everything in it; a failure is logged, never thrown (leftovers are harmless). */
    public static void deleteQuietly(Path folder) {
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.warn("work folder {} could not be removed: {}", folder, e.getMessage());
        }
    }
}
