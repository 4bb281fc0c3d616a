package org.imigateway.as4;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

    /**
     * Deleting a large file takes the file system seconds (about 3 s a GiB on ext4 here), so what
     * an answer or a hand-off need not wait for is removed on this one thread. Order is kept;
     * what a stop leaves pending is found by {@link #deleteStale} at the next start.
     */
    private static final ExecutorService CLEANER = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "imi-work-cleaner");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * Opens a file that {@link Files#createTempFile} has just made, for writing. Not
     * {@code Files.newOutputStream(file)}: its O_TRUNC on the existing empty file makes ext4 write
     * the whole file back at close (auto_da_alloc, meant for files rewritten in place), 0.35 s a
     * GiB of the writer's time and disk writes of files that are deleted soon after.
     */
    public static OutputStream openCreated(Path file) throws IOException {
        return Files.newOutputStream(file, StandardOpenOption.WRITE);
    }

    /** {@link #deleteQuietly} on the cleaner thread: returns at once. */
    public static void deleteLater(Path path) {
        if (path != null) {
            CLEANER.execute(() -> deleteQuietly(path));
        }
    }

    /**
     * Waits until what was handed to {@link #deleteLater} before this call is removed, at most
     * {@code timeout}: a stopping gateway leaves no intermediate files behind, and a test sees
     * the state after cleaning.
     *
     * @return false when the timeout passed first
     */
    public static boolean awaitPending(Duration timeout) {
        try {
            CLEANER.submit(() -> { }).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
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
