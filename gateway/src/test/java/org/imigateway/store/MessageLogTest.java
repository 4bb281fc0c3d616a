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
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.imigateway.connectors.Delivery;
import org.imigateway.connectors.MessageProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Each test opens its own database: they count and list everything in it. Runs on Derby and PostgreSQL. */
@ParameterizedClass
@EnumSource(TestStore.class)
class MessageLogTest {

    @Parameter
    TestStore store;

    @TempDir
    Path temp;

    @Test
    void statusHistoryRecordsEveryChangeInOrder() throws Exception {
        try (Database database = store.open(temp)) {
            MessageLog log = new MessageLog(database);
            String id = TestMessages.newId("history");
            Instant retryAt = Instant.now().plus(5, ChronoUnit.MINUTES);
            log.registerOutbound(TestMessages.header(id), List.of(MessageProperty.of("finalRecipient", "urn:x")),
                    TestMessages.body(temp, id));
            log.recordAttempt(id, retryAt, "EBMS:0005", "connection refused by peer");
            MessageRecord waiting = log.find(id, Direction.OUTBOUND).orElseThrow();
            log.transition(id, WAITING_FOR_RETRY, SEND_ENQUEUED, "retry due");
            log.recordAttempt(id, retryAt, "EBMS:0005", "connection reset");
            log.fail(id, "EBMS:0301", "no receipt after 2 attempts");
            log.transition(id, SEND_FAILURE, SEND_ENQUEUED, "enqueued again by an operator");
            log.acknowledge(id, TestMessages.receipt("signed"));

            List<StatusChange> history = log.history(id, Direction.OUTBOUND);
            assertEquals(List.of(
                    List.of(Optional.empty(), SEND_ENQUEUED),
                    List.of(Optional.of(SEND_ENQUEUED), WAITING_FOR_RETRY),
                    List.of(Optional.of(WAITING_FOR_RETRY), SEND_ENQUEUED),
                    List.of(Optional.of(SEND_ENQUEUED), WAITING_FOR_RETRY),
                    List.of(Optional.of(WAITING_FOR_RETRY), SEND_FAILURE),
                    List.of(Optional.of(SEND_FAILURE), SEND_ENQUEUED),
                    List.of(Optional.of(SEND_ENQUEUED), ACKNOWLEDGED)),
                    history.stream().map(c -> List.of(c.from(), c.to())).toList());
            for (int i = 1; i < history.size(); i++) {
                assertFalse(history.get(i).at().isBefore(history.get(i - 1).at()), "history in time order");
            }
            assertTrue(history.get(1).note().contains("EBMS:0005"), history.get(1).note());
            assertTrue(history.get(5).note().contains("operator"), history.get(5).note());

            assertEquals(Optional.of(Jdbc.stored(retryAt)), waiting.nextAttempt());
            assertEquals(Optional.of("connection refused by peer"), waiting.errorDetail());
            MessageRecord done = log.find(id, Direction.OUTBOUND).orElseThrow();
            assertEquals(ACKNOWLEDGED, done.status());
            assertEquals(3, done.attempts(), "three POSTs: two failed, one acknowledged");
            assertEquals(Optional.empty(), done.nextAttempt());
            assertEquals(Optional.empty(), done.errorCode());
            assertArrayEquals(TestMessages.receipt("signed"), log.receipt(id, Direction.OUTBOUND).orElseThrow());
            assertEquals(TestMessages.header(id), done.header());
            assertEquals(List.of(MessageProperty.of("finalRecipient", "urn:x")), log.properties(id, Direction.OUTBOUND));
        }
    }

    @Test
    void countByStatusCountsEveryStatusAndLeavesPingsOut() throws Exception {
        try (Database database = store.open(temp)) {
            MessageLog log = new MessageLog(database);
            DerbySink sink = new DerbySink(log, new PayloadStore(database, temp.resolve("payloads")));
            for (int i = 0; i < 3; i++) {
                sink.accept(TestMessages.delivery(TestMessages.newId("in"), List.of()), TestMessages.receipt("r"));
            }
            String delivered = TestMessages.newId("in");
            sink.accept(TestMessages.delivery(delivered, List.of()), TestMessages.receipt("r"));
            log.markDelivered(delivered);
            sink.acceptPing(TestMessages.newId("ping"), TestMessages.receipt("ping"));
            for (int i = 0; i < 2; i++) {
                String id = TestMessages.newId("out");
                log.registerOutbound(TestMessages.header(id), List.of(), TestMessages.body(temp, id));
            }
            String acknowledged = TestMessages.newId("out");
            log.registerOutbound(TestMessages.header(acknowledged), List.of(), TestMessages.body(temp, acknowledged));
            log.acknowledge(acknowledged, TestMessages.receipt("r"));

            Map<MessageStatus, Long> expected = new EnumMap<>(MessageStatus.class);
            for (MessageStatus status : MessageStatus.values()) {
                expected.put(status, 0L);
            }
            expected.put(RECEIVED, 3L);
            expected.put(DELIVERED, 1L);
            expected.put(SEND_ENQUEUED, 2L);
            expected.put(ACKNOWLEDGED, 1L);
            assertEquals(expected, log.countByStatus());
        }
    }

    @Test
    void pendingListsHoldWhatARestartMustEnqueueAgain() throws Exception {
        try (Database database = store.open(temp)) {
            MessageLog log = new MessageLog(database);
            DerbySink sink = new DerbySink(log, new PayloadStore(database, temp.resolve("payloads")));
            String first = TestMessages.newId("in");
            String delivered = TestMessages.newId("in");
            String second = TestMessages.newId("in");
            for (String id : List.of(first, delivered, second)) {
                sink.accept(TestMessages.delivery(id, List.of()), TestMessages.receipt(id));
            }
            log.markDelivered(delivered);
            sink.acceptPing(TestMessages.newId("ping"), TestMessages.receipt("ping"));

            String enqueued = TestMessages.newId("out");
            String waiting = TestMessages.newId("out");
            String acknowledged = TestMessages.newId("out");
            String failed = TestMessages.newId("out");
            for (String id : List.of(enqueued, waiting, acknowledged, failed)) {
                log.registerOutbound(TestMessages.header(id), List.of(), TestMessages.body(temp, id));
            }
            log.recordAttempt(waiting, Instant.now().plusSeconds(30), "EBMS:0005", "timeout");
            log.acknowledge(acknowledged, TestMessages.receipt("r"));
            log.fail(failed, "EBMS:0302", "receipt digests do not match");

            assertEquals(List.of(first, second), log.inboundPendingDelivery().stream().map(MessageRecord::messageId).toList());
            List<MessageRecord> outbound = log.queries().outboundPending();
            assertEquals(List.of(enqueued, waiting), outbound.stream().map(MessageRecord::messageId).toList());
            assertEquals(TestMessages.body(temp, enqueued), outbound.get(0).body().orElseThrow());
            assertTrue(outbound.get(1).nextAttempt().isPresent());
        }
    }

    @Test
    void listenersHearEachCommittedChangeOnceAndNothingAfterRemoval() throws Exception {
        try (Database database = store.open(temp)) {
            MessageLog log = new MessageLog(database);
            DerbySink sink = new DerbySink(log, new PayloadStore(database, temp.resolve("payloads")));
            List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
            StatusListener listener = (id, direction, to) -> heard.add(id + " " + direction + " " + to);
            log.addListener(listener);
            String in = TestMessages.newId("in");
            String out = TestMessages.newId("out");
            sink.accept(TestMessages.delivery(in, List.of()), TestMessages.receipt(in));
            assertFalse(sink.accept(TestMessages.delivery(in, List.of()), TestMessages.receipt(in)).isEmpty(),
                    "a duplicate stores nothing");
            log.markDelivered(in);
            assertFalse(log.markDelivered(in), "a second delivery does not move the message");
            log.registerOutbound(TestMessages.header(out), List.of(), TestMessages.body(temp, out));
            log.acknowledge(out, TestMessages.receipt("r"));
            assertFalse(log.acknowledge(out, TestMessages.receipt("r")), "a repeated receipt does not move it");
            sink.acceptPing(TestMessages.newId("ping"), TestMessages.receipt("ping"));
            log.removeListener(listener);
            String after = TestMessages.newId("out");
            log.registerOutbound(TestMessages.header(after), List.of(), TestMessages.body(temp, after));
            log.fail(after, "EBMS:0301", "no receipt");

            assertEquals(List.of(in + " INBOUND RECEIVED", in + " INBOUND DELIVERED", out + " OUTBOUND SEND_ENQUEUED",
                    out + " OUTBOUND ACKNOWLEDGED"), heard);
        }
    }

    @Test
    void reopeningAfterCloseKeepsEverything() throws Exception {
        DatabaseSettings folder = store.fresh(temp);
        Path payloadRoot = temp.resolve("payloads");
        String inbound = TestMessages.newId("in");
        String outbound = TestMessages.newId("out");
        Delivery delivery = TestMessages.delivery(inbound, temp);
        List<StatusChange> inboundHistory;
        List<StatusChange> outboundHistory;
        Map<MessageStatus, Long> counts;
        try (Database database = Database.open(folder)) {
            MessageLog log = new MessageLog(database);
            new DerbySink(log, new PayloadStore(database, payloadRoot)).accept(delivery, TestMessages.receipt(inbound));
            log.markDelivered(inbound);
            log.registerOutbound(TestMessages.header(outbound), List.of(), TestMessages.body(temp, outbound));
            log.recordAttempt(outbound, Instant.now().plusSeconds(60), "EBMS:0005", "refused");
            inboundHistory = log.history(inbound, Direction.INBOUND);
            outboundHistory = log.history(outbound, Direction.OUTBOUND);
            counts = log.countByStatus();
        }
        try (Database database = Database.open(folder)) {
            MessageLog log = new MessageLog(database);
            PayloadStore payloads = new PayloadStore(database, payloadRoot);
            assertEquals(0, payloads.recover(), "a clean shutdown leaves no orphans");
            DerbySink sink = new DerbySink(log, payloads);

            assertEquals(inboundHistory, log.history(inbound, Direction.INBOUND));
            assertEquals(outboundHistory, log.history(outbound, Direction.OUTBOUND));
            assertEquals(counts, log.countByStatus());
            assertArrayEquals(TestMessages.receipt(inbound), sink.receiptFor(inbound).orElseThrow());
            assertEquals(TestMessages.receipt(inbound).length,
                    sink.accept(TestMessages.delivery(inbound, Files.createTempDirectory(temp, "again-")),
                            TestMessages.receipt("again")).orElseThrow().length, "still a duplicate");
            assertEquals(WAITING_FOR_RETRY, log.find(outbound, Direction.OUTBOUND).orElseThrow().status());
            assertEquals(DELIVERED, log.find(inbound, Direction.INBOUND).orElseThrow().status());
            assertTrue(log.transition(inbound, DELIVERED, DOWNLOADED, "fetched"));
            try (InputStream content = payloads.open(inbound, Direction.INBOUND, 1)) {
                assertEquals("<request id=\"" + inbound + "\"/>", new String(content.readAllBytes()));
            }
        }
    }
}
