package org.imigateway.as4;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A file written to be synced once it is complete (the outbound MIME body, a received payload
 * before its receipt), which has the disk write it while it is still being written: each
 * {@value #EVERY_MIB} MiB, a {@code force} is started on a thread of its own, so the sync that
 * makes the whole file durable finds little left to do. Linux starts writing dirty pages back on
 * its own only past a tenth of the memory or after 30 s, so a 2 GiB file was written to the disk
 * wholly inside that last sync: 1.7 s of the writer's time here, 0.1 s with this.
 *
 * <p>It does not make the file durable: its owner still syncs it when it is complete, and a
 * failure of a sync started here is left for that one to find.
 */
public final class WriteBehind extends OutputStream {

    static final int EVERY_MIB = 64;
    private static final long EVERY = (long) EVERY_MIB << 20;

    private static final ExecutorService FLUSHER = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "imi-write-behind");
        thread.setDaemon(true);
        return thread;
    });

    private final FileChannel channel;
    private final long every;
    private long unflushed;
    private Future<?> flushing = CompletableFuture.completedFuture(null);
    private int flushesStarted;

    private WriteBehind(FileChannel channel, long every) {
        this.channel = channel;
        this.every = every;
    }

    /** Opens {@code file} for writing with {@code options} ({@link FileChannel#open}'s). */
    public static WriteBehind open(Path file, OpenOption... options) throws IOException {
        return open(file, EVERY, options);
    }

    /** With a sync started each {@code every} bytes (tests use less than the product's). */
    static WriteBehind open(Path file, long every, OpenOption... options) throws IOException {
        return new WriteBehind(FileChannel.open(file, options), every);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(buffer, offset, length);
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        unflushed += length;
        if (unflushed >= every && flushing.isDone()) {
            unflushed = 0;
            flushesStarted++;
            flushing = FLUSHER.submit(() -> {
                channel.force(false);
                return null;
            });
        }
    }

    /** Syncs started so far (tests). */
    int flushesStarted() {
        return flushesStarted;
    }

    /** Waits for a sync still running (the channel must outlive it), then closes the file. */
    @Override
    public void close() throws IOException {
        try {
            flushing.get();
        } catch (ExecutionException e) {
            // the owner's own sync of the complete file reports what went wrong
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            channel.close();
        }
    }
}
