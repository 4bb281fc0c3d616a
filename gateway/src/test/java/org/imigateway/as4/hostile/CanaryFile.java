package org.imigateway.as4.hostile;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A file an external entity may point at, which tells whether anyone opened it: it is a named
 * pipe (FIFO) whose writer blocks until a reader opens the other end. A parser that resolved a
 * {@code file://} entity would open it, and {@link #opened()} would turn true.
 */
final class CanaryFile implements AutoCloseable {

    static final String SECRET = "canary-secret-7c1f";

    private final Path path;
    private final AtomicBoolean opened = new AtomicBoolean();
    private final Thread writer;

    CanaryFile(Path path) throws IOException, InterruptedException {
        this.path = path;
        Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        if (mkfifo.waitFor() != 0) {
            throw new IOException("mkfifo " + path + " failed");
        }
        writer = new Thread(() -> {
            try (OutputStream out = new FileOutputStream(path.toFile())) {
                opened.set(true);
                out.write(SECRET.getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // the reader went away: only close() does that
            }
        }, "canary-writer");
        writer.setDaemon(true);
        writer.start();
    }

    String url() {
        return path.toUri().toString();
    }

    /** Whether someone other than {@link #close()} opened the file for reading. */
    boolean opened() {
        return opened.get();
    }

    /** Opens the reading end once, which releases the blocked writer. */
    @Override
    public void close() throws IOException, InterruptedException {
        boolean before = opened.get();
        if (!before) {
            try (FileInputStream release = new FileInputStream(path.toFile())) {
                byte[] buffer = new byte[64];
                while (release.read(buffer) >= 0) {
                    // drain what the writer sends, until it closes
                }
            }
        }
        writer.join(5_000);
    }
}
