package org.imigateway.route;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.ProducerTemplate;
import org.imigateway.broker.CamelJms;
import org.imigateway.broker.Queues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Puts a MessageId on a gateway queue, outside any route: each send is committed to the
 * journal (synced) when it returns. The duplicate-detection id makes a repeated hand-off, as
 * recovery does after a crash, a no-op in the broker.
 *
 * <p>A broker whose disk is above its {@code max-disk-usage}, or whose address an operator
 * blocked, holds a producer until it takes messages again, without an error. A caller that must
 * answer someone (the AS4 endpoint, a submitter) uses {@link #enqueueWithin}: the send goes on in
 * the background and the caller gets {@link NotTaken} after the bound. The message is in the
 * database either way, so the late send or {@link Recovery}'s next pass queues it.
 */
public final class Enqueuer {

    private static final Logger LOG = LoggerFactory.getLogger(Enqueuer.class);

    /** How long someone waiting for an answer waits for the broker; a send takes milliseconds. */
    public static final Duration CALLER_WAIT = Duration.ofSeconds(10);

    /** Sends that may wait for a blocked broker at once; more are answered {@link NotTaken} at once. */
    static final int MOST_WAITING = 64;

    private final ProducerTemplate producer;
    private final ThreadPoolExecutor bounded;

    public Enqueuer(ProducerTemplate producer) {
        this.producer = producer;
        AtomicInteger threads = new AtomicInteger();
        // No queue: a send starts at once on an idle thread or a new one; idle threads end after 30 s.
        this.bounded = new ThreadPoolExecutor(0, MOST_WAITING, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, "imi-enqueue-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The broker did not take a message within the caller's bound; the message stays in the database. */
    public static final class NotTaken extends Exception {
        NotTaken(String message) {
            super(message);
        }
    }

    /**
     * {@link #enqueue(String, String, Map, String)} waiting at most {@code limit} for the broker. After
     * the bound the send goes on: it lands when the broker takes messages again, or is dropped then as a
     * duplicate of what recovery queued meanwhile. Inside a transacted route (a hub decision submitting)
     * the send stays on the route's thread and joins its JMS transaction, waiting as the route does.
     */
    public boolean enqueueWithin(Duration limit, String queue, String body, Map<String, Object> properties,
                                 String duplicateId) throws NotTaken {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return enqueue(queue, body, properties, duplicateId);
        }
        AtomicBoolean abandoned = new AtomicBoolean();
        Future<Boolean> sent;
        try {
            sent = bounded.submit(() -> {
                try {
                    boolean queued = enqueue(queue, body, properties, duplicateId);
                    if (abandoned.get()) {
                        LOG.info("the broker took {} on {} after all", duplicateId, queue);
                    }
                    return queued;
                } catch (RuntimeException e) {
                    if (abandoned.get()) {
                        LOG.warn("{} was not queued on {} ({}); recovery queues it", duplicateId, queue, e.toString());
                    }
                    throw e;
                }
            });
        } catch (RejectedExecutionException e) {
            throw new NotTaken(MOST_WAITING + " earlier messages are still waiting for the broker to take them");
        }
        try {
            return sent.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            abandoned.set(true);
            LOG.warn("the broker did not take {} on {} within {} s; is its disk above max-disk-usage or the address blocked?"
                    + " The message waits in the database", duplicateId, queue, limit.toSeconds());
            throw new NotTaken("the broker did not take the message within " + limit.toSeconds()
                    + " s (its disk is full or the queue is blocked)");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotTaken("interrupted while waiting for the broker");
        }
    }

    /** Returns false when the broker already had this duplicate id, which callers treat as done. */
    public boolean enqueue(String queue, String messageId, String duplicateId, long scheduledAt) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(Headers.MESSAGE_ID, messageId);
        if (scheduledAt > 0) {
            headers.put(Headers.SCHEDULED_DELIVERY, scheduledAt);
        }
        return enqueue(queue, messageId, headers, duplicateId);
    }

    /** A text with properties of its own; false when the broker already had this duplicate id. */
    public boolean enqueue(String queue, String body, Map<String, Object> properties, String duplicateId) {
        Map<String, Object> headers = new HashMap<>(properties);
        headers.put(Queues.DUPLICATE_ID_PROPERTY, duplicateId);
        try {
            producer.sendBodyAndHeaders(CamelJms.produce(queue), body, headers);
            return true;
        } catch (RuntimeException e) {
            if (Queues.isDuplicateRejection(e)) {
                LOG.debug("duplicate id {} already queued on {}: the broker dropped the copy", duplicateId, queue);
                return false;
            }
            throw e;
        }
    }
}
