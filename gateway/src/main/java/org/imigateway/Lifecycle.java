package org.imigateway;

import java.util.ArrayDeque;
import java.util.Deque;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running parts of one gateway in the order they started; closing stops them in reverse, so
 * what takes work in (the HTTP ports, the backends) stops before what does the work (the routes)
 * and that before what keeps it (broker, database). When a start fails, closing stops what
 * had already started: {@link Gateway#open} needs one catch block, not one per part.
 */
final class Lifecycle implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);

    /** How one part stops. */
    @FunctionalInterface
    interface Stop {
        void stop() throws Exception;
    }

    private final String owner;
    private final Deque<Running> running = new ArrayDeque<>();

    private record Running(String name, Stop stop) {
    }

    Lifecycle(String owner) {
        this.owner = owner;
    }

    /** Records a part that is running now, to be stopped with the others. */
    <T> T started(String name, T part, Stop stop) {
        running.push(new Running(name, stop));
        return part;
    }

    @Override
    public void close() {
        while (!running.isEmpty()) {
            Running part = running.pop();
            try {
                part.stop().stop();
            } catch (Exception | LinkageError e) {
                LOG.warn("{}: {} did not stop cleanly: {}", owner, part.name(), e.toString());
            }
        }
    }
}
