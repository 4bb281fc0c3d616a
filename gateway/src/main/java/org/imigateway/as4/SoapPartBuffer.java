package org.imigateway.as4;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.imigateway.xml.LimitedInputStream;

/**
 * The SOAP part as it is read the first time (by {@link SoapBudget}'s StAX pass), kept for the
 * second (the DOM parser): in memory up to {@link #IN_MEMORY} bytes (a real part with 20
 * attachments has 42 KB), in the request's work folder beyond, so that many concurrent large
 * parts cost disk rather than heap. Reading past {@code limits.soap.maxBytes} fails, and
 * {@link #overLimit()} tells the caller why.
 */
final class SoapPartBuffer extends LimitedInputStream {

    static final int IN_MEMORY = 256 * 1024;

    private final Path workDir;
    private ByteArrayOutputStream memory = new ByteArrayOutputStream(16 * 1024);
    private Path file;
    private OutputStream out = memory;
    private long kept;
    private boolean overLimit;

    SoapPartBuffer(InputStream in, long maxBytes, Path workDir) {
        super(in, maxBytes, "the SOAP part");
        this.workDir = workDir;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n;
        try {
            n = super.read(buffer, offset, length);
        } catch (LimitExceeded e) {
            overLimit = true;  // the StAX reader wraps it in an exception of its own
            throw e;
        }
        if (n > 0) {
            keep(buffer, offset, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        return read(new byte[(int) Math.min(n, 8192)]);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void keep(byte[] buffer, int offset, int n) throws IOException {
        kept += n;
        if (file == null && kept > IN_MEMORY) {
            file = Files.createTempFile(workDir, "soap-", ".xml");
            out = WorkFolders.openCreated(file);
            memory.writeTo(out);
            memory = null;
        }
        out.write(buffer, offset, n);
    }

    boolean overLimit() {
        return overLimit;
    }

    /** Reads what the first pass left (after the root element's end), then stops keeping. */
    void finish() throws IOException {
        byte[] rest = new byte[8192];
        while (read(rest, 0, rest.length) > 0) {
            // kept by read
        }
        out.close();
    }

    /** The part as it was read, for the second pass. */
    InputStream reread() throws IOException {
        return file == null ? new ByteArrayInputStream(memory.toByteArray())
                : new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
