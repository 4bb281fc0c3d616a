package org.imigateway.ops;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

/**
 * How {@link ReadOnlyRegistry} reads and writes the wire: a caller's connection ends at a
 * deadline, a call is read within a byte limit and deserialises no class at all, and results
 * are written the way RMI readers expect them.
 */
final class RegistryStreams {

    private RegistryStreams() {
    }

    /** The socket's input, each read waiting at most for the time left until the deadline. */
    static InputStream untilDeadline(Socket socket, long deadlineNanos) throws IOException {
        return new Deadline(socket, deadlineNanos);
    }

    /** One call's arguments: at most {@code limit} bytes, strings and primitives only. */
    static ObjectInputStream call(InputStream in, long limit) throws IOException {
        ObjectInputStream call = new ObjectInputStream(new Bounded(in, limit));
        call.setObjectInputFilter(info -> ObjectInputFilter.Status.REJECTED);
        return call;
    }

    /** One call's result. */
    static ObjectOutputStream result(OutputStream out) throws IOException {
        return new ReturnStream(out);
    }

    /** RMI readers expect a code base after every class description: none, as the JDK writes when there is none. */
    private static final class ReturnStream extends ObjectOutputStream {

        ReturnStream(OutputStream out) throws IOException {
            super(out);
        }

        @Override
        protected void annotateClass(Class<?> type) throws IOException {
            writeObject(null);
        }

        @Override
        protected void annotateProxyClass(Class<?> type) throws IOException {
            writeObject(null);
        }
    }

    /** Reads from a socket until a deadline: each read waits at most for the time left. */
    private static final class Deadline extends FilterInputStream {

        private final Socket socket;
        private final long deadlineNanos;

        Deadline(Socket socket, long deadlineNanos) throws IOException {
            super(socket.getInputStream());
            this.socket = socket;
            this.deadlineNanos = deadlineNanos;
        }

        @Override
        public int read() throws IOException {
            waitAtMostTheTimeLeft();
            return super.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            waitAtMostTheTimeLeft();
            return super.read(buffer, offset, length);
        }

        private void waitAtMostTheTimeLeft() throws IOException {
            long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
            if (left <= 0) {
                throw new IOException("the registry connection reached its time limit");
            }
            socket.setSoTimeout((int) left);
        }
    }

    /** Ends the stream after a number of bytes, so one call cannot make us read without end. */
    private static final class Bounded extends FilterInputStream {

        private long left;

        Bounded(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                throw new IOException("registry call over its byte limit");
            }
            int b = super.read();
            left -= b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left <= 0) {
                throw new IOException("registry call over its byte limit");
            }
            int n = super.read(buffer, offset, (int) Math.min(length, left));
            left -= Math.max(n, 0);
            return n;
        }

        @Override
        public void close() {
            // the connection outlives one call
        }
    }
}
