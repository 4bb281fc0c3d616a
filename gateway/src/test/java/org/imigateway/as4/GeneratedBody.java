package org.imigateway.as4;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A request body made as it is read: a head, a unit repeated any number of times, a tail. A
 * gigabyte of junk or a hundred thousand MIME parts cost the test no memory, and
 * {@link #consumed()} tells how much of it the reader took before refusing.
 */
public final class GeneratedBody extends InputStream {

    private final byte[] head;
    private final byte[] unit;
    private final long repeats;
    private final byte[] tail;
    private final long length;
    private volatile long consumed;

    private GeneratedBody(byte[] head, byte[] unit, long repeats, byte[] tail) {
        this.head = head;
        this.unit = unit;
        this.repeats = repeats;
        this.tail = tail;
        this.length = head.length + unit.length * repeats + tail.length;
    }

    public static GeneratedBody of(String head, String unit, long repeats, String tail) {
        return new GeneratedBody(head.getBytes(StandardCharsets.ISO_8859_1), unit.getBytes(StandardCharsets.ISO_8859_1),
                repeats, tail.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Bytes the whole body has, as a Content-Length would announce them. */
    public long length() {
        return length;
    }

    public long consumed() {
        return consumed;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) {
        long position = consumed;
        if (position >= length) {
            return -1;
        }
        int n = 0;
        while (n < count && position < length) {
            int copied = copy(position, buffer, offset + n, count - n);
            n += copied;
            position += copied;
        }
        consumed = position;
        return n;
    }

    /** Copies from one segment (head, one unit, tail) at most; returns how many bytes. */
    private int copy(long position, byte[] buffer, int offset, int max) {
        byte[] source;
        int from;
        if (position < head.length) {
            source = head;
            from = (int) position;
        } else if (position - head.length < unit.length * repeats) {
            source = unit;
            from = (int) ((position - head.length) % unit.length);
        } else {
            source = tail;
            from = (int) (position - head.length - unit.length * repeats);
        }
        int n = Math.min(max, source.length - from);
        System.arraycopy(source, from, buffer, offset, n);
        return n;
    }
}
