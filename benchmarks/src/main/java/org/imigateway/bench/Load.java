package org.imigateway.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Offers messages to a system under test. Closed loop by default: at most {@code concurrency}
 * messages are in flight (submitted and not yet complete), and a new one goes as soon as one
 * completes. With a rate, submissions follow a fixed schedule instead (open loop), so that
 * latency can be read at a chosen fraction of the maximum throughput.
 */
public final class Load {

    /** Sends message {@code index}; returns its id once it is handed over (or, for a synchronous sender, done). */
    @FunctionalInterface
    public interface Sender {
        String send(int index) throws Exception;
    }

    /** One submitted message: its id and the instant just before it was handed over. */
    public record Sent(int index, String messageId, Instant submittedAt) {
    }

    /** How often the workers are checked for a failed send while no message completes. */
    private static final long WORKER_CHECK_MILLIS = 1000;

    private Load() {
    }

    /**
     * Runs {@code plan.total()} sends and waits until {@code completed} (finished messages,
     * failures included, as the system reports them) has grown by that many. A completion wakes
     * the driver, which then lets the next message go; the driver asks the system nothing.
     *
     * @return every sent message in index order, warm-up ones included
     */
    static List<Sent> run(RunPlan plan, Sender sender, Completions completed, long timeoutSeconds)
            throws InterruptedException, TimeoutException {
        long completedBefore = completed.count();
        Semaphore window = new Semaphore(plan.concurrency());
        AtomicInteger next = new AtomicInteger();
        List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
        long startNanos = System.nanoTime();
        ExecutorService threads = Executors.newFixedThreadPool(plan.concurrency());
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < plan.concurrency(); t++) {
            workers.add(threads.submit(() -> {
                for (int i = next.getAndIncrement(); i < plan.total(); i = next.getAndIncrement()) {
                    if (plan.rate().isPresent()) {
                        long due = startNanos + (long) (i * 1e9 / plan.rate().getAsDouble());
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                    } else {
                        window.acquire();
                    }
                    Instant at = Instant.now();
                    sent.add(new Sent(i, sender.send(i), at));
                }
                return null;
            }));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        long released = 0;
        try {
            while (true) {
                long done = completed.count() - completedBefore;
                if (done > released) {
                    window.release((int) (done - released));
                    released = done;
                }
                for (Future<?> worker : workers) {
                    if (worker.isDone()) {
                        worker.get();
                    }
                }
                if (done >= plan.total()) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException(done + " of " + plan.total() + " messages completed within "
                            + timeoutSeconds + " s");
                }
                completed.awaitMoreThan(completedBefore + done, WORKER_CHECK_MILLIS, TimeUnit.MILLISECONDS);
            }
            // A sender that reports its completion before its send returns (phase4's, synchronous) has
            // not yet listed the last message: wait for the workers rather than drop it.
            for (Future<?> worker : workers) {
                worker.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a send failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            threads.shutdownNow();
        }
        List<Sent> ordered = new ArrayList<>(sent);
        ordered.sort(java.util.Comparator.comparingInt(Sent::index));
        return ordered;
    }
}
