package org.imigateway.conformance.cases;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * The integrator's observable of what the target delivered: a folder its backend writes to.
 * A message counts as delivered once for each top-level entry whose files mention its
 * MessageId, which fits both a file per message and a folder per message.
 */
final class DeliveryFolder {

    private static final long LARGEST_FILE_READ = 1024 * 1024;

    private final Path root;

    DeliveryFolder(Path root) {
        this.root = root;
    }

    long deliveries(String messageId) {
        byte[] needle = messageId.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(entry -> mentions(entry, needle)).count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the delivery folder " + root, e);
        }
    }

    /** Waits until the message is delivered at least once or the time is up; returns the count then. */
    long awaitDelivery(String messageId, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        long count = deliveries(messageId);
        while (count == 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            count = deliveries(messageId);
        }
        return count;
    }

    private static boolean mentions(Path entry, byte[] needle) {
        try (Stream<Path> files = Files.walk(entry)) {
            return files.filter(Files::isRegularFile).anyMatch(file -> contains(file, needle));
        } catch (IOException | UncheckedIOException e) {
            return false; // the backend may be moving files while we look; the next look counts it
        }
    }

    private static boolean contains(Path file, byte[] needle) {
        try {
            if (Files.size(file) > LARGEST_FILE_READ) {
                return false;
            }
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            return text.contains(new String(needle, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return false;
        }
    }
}
