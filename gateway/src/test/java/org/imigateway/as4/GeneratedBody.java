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
        if (consumed >= length) {
            return -1;
        }
        int n = 0;
        while (n < count && consumed < length) {
            buffer[offset + n++] = byteAt(consumed);
            consumed++;
        }
        return n;
    }

    private byte byteAt(long position) {
        if (position < head.length) {
            return head[(int) position];
        }
        long inUnits = position - head.length;
        if (inUnits < unit.length * repeats) {
            return unit[(int) (inUnits % unit.length)];
        }
        return tail[(int) (inUnits - unit.length * repeats)];
    }
}
