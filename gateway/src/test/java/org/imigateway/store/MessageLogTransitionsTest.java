package org.imigateway.store;

import static org.imigateway.store.MessageStatus.ACKNOWLEDGED;
import static org.imigateway.store.MessageStatus.DELIVERED;
import static org.imigateway.store.MessageStatus.DOWNLOADED;
import static org.imigateway.store.MessageStatus.RECEIVED;
import static org.imigateway.store.MessageStatus.SEND_ENQUEUED;
import static org.imigateway.store.MessageStatus.SEND_FAILURE;
import static org.imigateway.store.MessageStatus.WAITING_FOR_RETRY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The message log enforces the state machine against what is in the database, Derby or PostgreSQL. */
@ParameterizedClass
@EnumSource(TestStore.class)
class MessageLogTransitionsTest {

    @Parameter
    TestStore store;

    @TempDir
    static Path temp;
    static Database database;
    static MessageLog log;
    static DerbySink sink;

    @BeforeParameterizedClassInvocation
    static void open(TestStore store) throws Exception {
        database = store.open(temp);
        log = new MessageLog(database);
        sink = new DerbySink(log, new PayloadStore(database, temp.resolve("payloads")));
    }

    @AfterParameterizedClassInvocation
    static void close() {
        database.close();
    }

    /**
     * Impossible moves, each tried through the operation that would make it: the log reads the
     * message's status and refuses, and nothing changes.
     */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "SEND_ENQUEUED,     SEND_ENQUEUED",
            "WAITING_FOR_RETRY, WAITING_FOR_RETRY",
            "ACKNOWLEDGED,      SEND_ENQUEUED",
            "ACKNOWLEDGED,      WAITING_FOR_RETRY",
            "ACKNOWLEDGED,      SEND_FAILURE",
            "SEND_FAILURE,      WAITING_FOR_RETRY",
            "SEND_FAILURE,      ACKNOWLEDGED",
            "SEND_FAILURE,      SEND_FAILURE",
            "RECEIVED,          DOWNLOADED",
            "RECEIVED,          RECEIVED",
            "DELIVERED,         RECEIVED",
            "DOWNLOADED,        DELIVERED",
            "DOWNLOADED,        RECEIVED",
            "RECEIVED,          SEND_ENQUEUED",
            "SEND_ENQUEUED,     DELIVERED",
    })
    void impossibleTransitionIsRefusedAndChangesNothing(MessageStatus from, MessageStatus to) throws Exception {
        String id = messageIn(from);
        List<StatusChange> before = log.history(id, from.direction());

        IllegalTransitionException refused = assertThrows(IllegalTransitionException.class, () -> attempt(id, from, to));

        assertEquals(id, refused.messageId());
        assertEquals(from, refused.from());
        assertEquals(to, refused.to());
        assertTrue(refused.getMessage().contains(id + " cannot move from " + from + " to " + to), refused.getMessage());
        assertEquals(from, log.find(id, from.direction()).orElseThrow().status());
        assertEquals(before, log.history(id, from.direction()));
    }

    @Test
    void transitionFromAStatusTheMessageHasLeftReturnsFalse() throws Exception {
        String id = messageIn(ACKNOWLEDGED);
        assertFalse(log.transition(id, WAITING_FOR_RETRY, SEND_ENQUEUED, "a late retry timer"));
        assertEquals(ACKNOWLEDGED, log.find(id, Direction.OUTBOUND).orElseThrow().status());
    }

    @Test
    void acknowledgingTwiceKeepsTheFirstReceipt() throws Exception {
        String id = messageIn(SEND_ENQUEUED);
        assertTrue(log.acknowledge(id, TestMessages.receipt("first")));
        assertFalse(log.acknowledge(id, TestMessages.receipt("second")));
        assertArrayEquals(TestMessages.receipt("first"), log.receipt(id, Direction.OUTBOUND).orElseThrow());
        assertEquals(2, log.history(id, Direction.OUTBOUND).size());
    }

    @Test
    void markDeliveredMovesOnlyTheFirstTime() throws Exception {
        String id = messageIn(RECEIVED);
        assertTrue(log.markDelivered(id));
        assertFalse(log.markDelivered(id));
        assertTrue(log.transition(id, DELIVERED, DOWNLOADED, "fetched by the backend"));
        assertFalse(log.markDelivered(id));
        assertEquals(3, log.history(id, Direction.INBOUND).size());
    }

    @Test
    void ofEightThreadsMarkingDeliveredExactlyOneWins() throws Exception {
        String id = messageIn(RECEIVED);
        List<Boolean> results = raceBehindRowLock(id, Direction.INBOUND, 8, () -> log.markDelivered(id));
        assertEquals(1, results.stream().filter(won -> won).count(), results.toString());
        assertEquals(2, log.history(id, Direction.INBOUND).size());
    }

    @Test
    void ofEightThreadsRetryingExactlyOneWins() throws Exception {
        String id = messageIn(WAITING_FOR_RETRY);
        List<Boolean> results = raceBehindRowLock(id, Direction.OUTBOUND, 8,
                () -> log.transition(id, WAITING_FOR_RETRY, SEND_ENQUEUED, "retry due"));
        assertEquals(1, results.stream().filter(won -> won).count(), results.toString());
        assertEquals(3, log.history(id, Direction.OUTBOUND).size());
    }

    @Test
    void unknownMessageIsNamed() {
        UnknownMessageException e = assertThrows(UnknownMessageException.class,
                () -> log.acknowledge("nobody@x", TestMessages.receipt("r")));
        assertTrue(e.getMessage().contains("nobody@x"), e.getMessage());
    }

    @Test
    void anOutboundMessageIdIsRegisteredOnce() throws Exception {
        String id = messageIn(SEND_ENQUEUED);
        assertThrows(DuplicateMessageException.class,
                () -> log.registerOutbound(TestMessages.header(id), List.of(), TestMessages.body(temp, id + "-2")));
    }

    /** A new message walked to {@code status} along allowed moves. */
    static String messageIn(MessageStatus status) throws Exception {
        String id = TestMessages.newId(status.name().toLowerCase());
        if (status.direction() == Direction.INBOUND) {
            sink.accept(TestMessages.delivery(id, List.of()), TestMessages.receipt(id));
            if (status != RECEIVED) {
                log.markDelivered(id);
            }
            if (status == DOWNLOADED) {
                log.transition(id, DELIVERED, DOWNLOADED, "fetched");
            }
            return id;
        }
        log.registerOutbound(TestMessages.header(id), List.of(), TestMessages.body(temp, id));
        switch (status) {
            case WAITING_FOR_RETRY -> log.recordAttempt(id, Instant.now().plusSeconds(60), "EBMS:0005", "refused");
            case ACKNOWLEDGED -> log.acknowledge(id, TestMessages.receipt(id));
            case SEND_FAILURE -> log.fail(id, "EBMS:0301", "no receipt");
            default -> { }
        }
        return id;
    }

    /** Asks the log to move the message to {@code to} the way the pipeline would. */
    private static void attempt(String id, MessageStatus from, MessageStatus to) {
        switch (to) {
            case WAITING_FOR_RETRY -> log.recordAttempt(id, Instant.now().plusSeconds(60), "EBMS:0005", "refused");
            case ACKNOWLEDGED -> log.acknowledge(id, TestMessages.receipt("late"));
            case SEND_FAILURE -> log.fail(id, "EBMS:0301", "no receipt");
            default -> log.transition(id, from, to, "test");
        }
    }

    /**
     * Starts the race while a transaction of ours holds the message's row lock, so that every
     * thread reads the same status once it is released and they really do collide on the update.
     */
    static <T> List<T> raceBehindRowLock(String id, Direction direction, int threads, Callable<T> work)
            throws Exception {
        CompletableFuture<List<T>> results = database.inTransaction(c -> {
            try (PreparedStatement lock = c.prepareStatement(
                    "UPDATE message SET updated_at = updated_at WHERE message_id = ? AND direction = ?")) {
                lock.setString(1, id);
                lock.setString(2, direction.name());
                assertEquals(1, lock.executeUpdate());
            }
            CompletableFuture<List<T>> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return race(threads, work);
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            });
            sleep(300); // long enough for all threads to queue behind the lock
            return running;
        });
        return results.get(30, TimeUnit.SECONDS);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static <T> List<T> race(int threads, Callable<T> work) throws Exception {
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return work.call();
                }));
            }
            List<T> results = new java.util.ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
