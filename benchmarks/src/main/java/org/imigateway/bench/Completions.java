package org.imigateway.bench;

import java.util.concurrent.TimeUnit;

/**
 * Messages that finished, counted as the system under test reports each one (a status listener
 * of our message log, phase4's synchronous send returning). The driver waits on it instead of
 * asking the system every few milliseconds, so no CPU of the driver's is charged to the system.
 */
final class Completions {

    private long count;

    synchronized void add() {
        count++;
        notifyAll();
    }

    synchronized long count() {
        return count;
    }

    /** Waits until more than {@code seen} have finished or {@code timeout} has passed; returns the count then. */
    synchronized long awaitMoreThan(long seen, long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        for (long left = unit.toNanos(timeout); count <= seen && left > 0; left = deadline - System.nanoTime()) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return count;
    }

    /** Waits until at least {@code atLeast} have finished; fails naming {@code what} when the time is up. */
    void await(long atLeast, long timeoutSeconds, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        long done = count();
        while (done < atLeast) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException(done + " of " + atLeast + " " + what + " within " + timeoutSeconds + " s");
            }
            done = awaitMoreThan(done, left, TimeUnit.NANOSECONDS);
        }
    }
}
