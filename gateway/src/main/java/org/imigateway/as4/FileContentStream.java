package org.imigateway.as4;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A buffered stream over a spooled part file whose {@code mark} and {@code reset} move the
 * file position instead of keeping what was read. WSS4J's attachment signature transform marks
 * the attachment stream with {@code Integer.MAX_VALUE}, digests it and resets it; a
 * {@link java.io.BufferedInputStream} honours that by holding the whole attachment in the heap,
 * which fails with OutOfMemoryError on a payload larger than the heap (a 2 GiB attachment with
 * a 256 MiB heap) and costs the payload's size again in memory on every smaller one.
 */
final class FileContentStream extends InputStream {

    private static final int BUFFER = 64 * 1024;

    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER).flip();
    private long mark;

    FileContentStream(Path file) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return buffer.get() & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, target.length);
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(length, buffer.remaining());
        buffer.get(target, offset, n);
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        if (n <= 0) {
            return 0;
        }
        long target = Math.min(position() + n, channel.size());
        long skipped = target - position();
        seek(target);
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(Integer.MAX_VALUE, channel.size() - position());
    }

    @Override
    public boolean markSupported() {
        return true;
    }

    /** Remembers the position; any read limit is honoured, as nothing is kept in memory. */
    @Override
    public synchronized void mark(int readLimit) {
        try {
            mark = position();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void reset() throws IOException {
        seek(mark);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private long position() throws IOException {
        return channel.position() - buffer.remaining();
    }

    private void seek(long position) throws IOException {
        channel.position(position);
        buffer.clear().flip();
    }

    private boolean fill() throws IOException {
        while (!buffer.hasRemaining()) {
            buffer.clear();
            int n = channel.read(buffer);
            buffer.flip();
            if (n < 0) {
                return false;
            }
        }
        return true;
    }
}
