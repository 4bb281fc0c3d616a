package org.imigateway.xml;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Stops reading once a limit is passed, so an endless stream cannot exhaust memory or disk. */
public class LimitedInputStream extends FilterInputStream {

    /** Thrown by a read past the limit; callers find it in the cause chain of whatever wraps it. */
    public static final class LimitExceeded extends IOException {
        LimitExceeded(String what, long limit) {
            super(what + " larger than " + limit + " bytes");
        }
    }

    private final long limit;
    private final String what;
    private long count;

    public LimitedInputStream(InputStream in, long limit, String what) {
        super(in);
        this.limit = limit;
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(long n) throws IOException {
        count += n;
        if (count > limit) {
            throw new LimitExceeded(what, limit);
        }
    }
}
