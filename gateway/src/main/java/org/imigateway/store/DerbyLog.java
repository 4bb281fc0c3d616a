package org.imigateway.store;

import java.io.Writer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends Derby's own log to SLF4J instead of a {@code derby.log} file in whatever folder the
 * gateway was started from. Derby finds it through {@code derby.stream.error.method}, which
 * must name a public static method.
 */
public final class DerbyLog extends Writer {

    private static final Logger LOG = LoggerFactory.getLogger("org.apache.derby");

    private final StringBuilder line = new StringBuilder();

    private DerbyLog() {
    }

    /** Called by Derby when its engine boots. */
    public static Writer stream() {
        return new DerbyLog();
    }

    /** Points Derby here unless the operator chose another destination. */
    static void install() {
        if (System.getProperty("derby.stream.error.file") == null
                && System.getProperty("derby.stream.error.field") == null
                && System.getProperty("derby.stream.error.method") == null) {
            System.setProperty("derby.stream.error.method", DerbyLog.class.getName() + ".stream");
        }
    }

    @Override
    public synchronized void write(char[] chars, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            char c = chars[i];
            if (c == '\n') {
                flushLine();
            } else if (c != '\r') {
                line.append(c);
            }
        }
    }

    @Override
    public synchronized void flush() {
        // Lines are logged when complete; a partial line waits for its end.
    }

    @Override
    public synchronized void close() {
        flushLine();
    }

    private void flushLine() {
        if (!line.isEmpty()) {
            LOG.info("{}", line);
            line.setLength(0);
        }
    }
}
