package org.imigateway.cooperation.publicapi;

import org.imigateway.broker.JmsQueues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.imigateway.broker.BrokerSettings;
import org.imigateway.broker.CamelJms;
import org.imigateway.broker.EmbeddedBroker;
import org.imigateway.broker.Queues;
import org.imigateway.broker.RedeliverySettings;
import org.imigateway.connectors.GatewayPort;
import org.imigateway.connectors.Submission;
import org.imigateway.connectors.SubmissionException;
import org.imigateway.route.Enqueuer;
import org.imigateway.schemas.imi.ImiDocumentType;
import org.imigateway.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public interface's routes on a real broker and Derby, in a Camel context of their own; the
 * submission port in front of them refuses the first submits it is told to, as a hub whose
 * outbox cannot be written for a moment would. The broker redelivers every 200 ms here, and a
 * test that needs periodic recovery passes has one every 200 ms.
 */
class PublicRoutesTest {

    private static final String HUB = "hub";
    private static final long MINUTE = 60_000;
    private static final long SHORT_PERIOD_MILLIS = 200;

    @TempDir
    Path dir;

    private Database database;
    private EmbeddedBroker broker;
    private CamelContext camel;
    private SubmissionStore store;
    private RefusingPort port;
    private MovingClock clock;
    private PublicForwarding forwarding;
    private long recoveryPeriod;
    private final List<String> filed = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        database = Database.open(dir.resolve("derby"));
        broker = EmbeddedBroker.start(BrokerSettings.of(HUB, dir.resolve("artemis"))
                .withRedelivery(new RedeliverySettings(5, Duration.ofMillis(200), 1.0, Duration.ofMillis(200))));
        broker.ensureQueue(PublicRoutes.FORWARD_QUEUE);
        camel = new DefaultCamelContext();
        CamelJms.install(camel, broker);
        Enqueuer enqueuer = new Enqueuer(camel.createProducerTemplate());
        store = new SubmissionStore(database);
        port = new RefusingPort();
        clock = new MovingClock(Instant.now());
        forwarding = new PublicForwarding(store, port, (trackingId, duplicateId) -> enqueuer.enqueue(
                PublicRoutes.FORWARD_QUEUE, trackingId, Map.of(), duplicateId),
                (submission, sender) -> filed.add(submission.trackingId()), "EU-PUBLIC", clock);
    }

    @AfterEach
    void close() {
        if (camel != null) {
            camel.stop();
        }
        if (broker != null) {
            broker.stop();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    @Timeout(60)
    void aForwardTheSubmissionPortRefusesAtFirstIsDeliveredAgainAndSentOnOnce() throws Exception {
        start(MINUTE);
        accept("PS-REFUSED-TWICE");
        port.refuseNext(2);

        forwarding.queue("PS-REFUSED-TWICE");

        await(() -> forwarded("PS-REFUSED-TWICE"));
        assertEquals(3, port.attempts.get(), "two refused, then accepted");
        // a stray copy under another duplicate id finds it sent on and sends nothing
        enqueuerOf().put("PS-REFUSED-TWICE", "public:PS-REFUSED-TWICE:stray");
        await(() -> broker.messageCount(PublicRoutes.FORWARD_QUEUE) == 0);
        assertEquals(List.of("public-PS-REFUSED-TWICE@hub"), port.submitted);
        assertEquals(List.of("PS-REFUSED-TWICE"), filed);
        assertEquals(0, broker.messageCount(Queues.DEAD_LETTER));
    }

    @Test
    @Timeout(60)
    void anAcceptedSubmissionNeverQueuedIsSentOnByTheRecoveryRouteAtStartOnce() throws Exception {
        // as if the hub had died between the commit of the row and the queueing of its forward
        accept("PS-NEVER-QUEUED");

        start(MINUTE); // the next periodic pass is a minute away: only the pass at start can send it

        await(() -> forwarded("PS-NEVER-QUEUED"));
        restartAndAwaitRecoveryPass();
        await(() -> broker.messageCount(PublicRoutes.FORWARD_QUEUE) == 0);
        assertEquals(List.of("public-PS-NEVER-QUEUED@hub"), port.submitted);
        assertEquals(1, port.attempts.get());
    }

    @Test
    @Timeout(60)
    void aForwardDeadLetteredAfterItsLastDeliveryIsQueuedAgainByALaterRecoveryPassAndSentOnOnce() throws Exception {
        accept("PS-DEAD-LETTERED");
        port.refuseNext(5);
        start(SHORT_PERIOD_MILLIS);
        await(() -> broker.messageCount(Queues.DEAD_LETTER) == 1);
        assertEquals(5, port.attempts.get());

        // within its first ten minutes each pass queues it under its first duplicate id: dropped
        awaitRecoveryPasses(3);
        assertEquals(List.of(), port.submitted);
        assertEquals(5, port.attempts.get());
        clock.now = clock.now.plus(PublicForwarding.REQUEUE_AFTER.plusMinutes(1));

        await(() -> forwarded("PS-DEAD-LETTERED"));
        awaitRecoveryPasses(3);
        await(() -> broker.messageCount(PublicRoutes.FORWARD_QUEUE) == 0);
        assertEquals(List.of("public-PS-DEAD-LETTERED@hub"), port.submitted);
        assertEquals(1, broker.messageCount(Queues.DEAD_LETTER));
    }

    @Test
    @Timeout(60)
    void aFinalRefusalIsRecordedAsTheSubmissionsFailureAndNotRetried() throws Exception {
        accept("PS-NO-PMODE");
        port.refuseForGood = true;
        start(SHORT_PERIOD_MILLIS);

        await(() -> find("PS-NO-PMODE").failure().isPresent());
        awaitRecoveryPasses(3);
        assertTrue(find("PS-NO-PMODE").failure().orElseThrow().startsWith("EBMS:0010: "), find("PS-NO-PMODE").toString());
        assertEquals(1, port.attempts.get());
        assertEquals(0, broker.messageCount(Queues.DEAD_LETTER));
    }

    @Test
    void theDuplicateIdStaysTheFirstOneForTenMinutesThenChangesEachPeriod() {
        assertEquals("public:PS-1", PublicForwarding.duplicateId("PS-1", Duration.ZERO));
        assertEquals("public:PS-1", PublicForwarding.duplicateId("PS-1", Duration.ofMinutes(9).plusSeconds(59)));
        assertEquals("public:PS-1", PublicForwarding.duplicateId("PS-1", Duration.ofMinutes(-3)));
        assertEquals("public:PS-1:1", PublicForwarding.duplicateId("PS-1", Duration.ofMinutes(10)));
        assertEquals("public:PS-1:2", PublicForwarding.duplicateId("PS-1", Duration.ofMinutes(25)));
    }

    @Test
    void theRoutesHaveTheirIds() throws Exception {
        start(MINUTE);

        assertTrue(camel.getRouteController().getRouteStatus("public-forward").isStarted());
        assertTrue(camel.getRouteController().getRouteStatus("public-recovery").isStarted());
    }

    private void start(long recoveryMillis) throws Exception {
        recoveryPeriod = recoveryMillis;
        camel.addRoutes(new PublicRoutes(JmsQueues.INSTANCE, forwarding, recoveryMillis));
        camel.start();
    }

    /** As after a restart of the hub: a new Camel context on the same broker and database. */
    private void restartAndAwaitRecoveryPass() throws Exception {
        camel.stop();
        camel = new DefaultCamelContext();
        CamelJms.install(camel, broker);
        camel.addRoutes(new PublicRoutes(JmsQueues.INSTANCE, forwarding, recoveryPeriod));
        NotifyBuilder pass = new NotifyBuilder(camel).fromRoute("public-recovery").whenDone(1).create();
        camel.start();
        assertTrue(pass.matches(30, TimeUnit.SECONDS), "a recovery pass at start");
    }

    private void awaitRecoveryPasses(int passes) {
        NotifyBuilder done = new NotifyBuilder(camel).fromRoute("public-recovery").whenDone(passes).create();
        assertTrue(done.matches(30, TimeUnit.SECONDS), passes + " recovery passes within 30 s");
    }

    private ForwardQueue enqueuerOf() {
        Enqueuer enqueuer = new Enqueuer(camel.createProducerTemplate());
        return (trackingId, duplicateId) -> enqueuer.enqueue(PublicRoutes.FORWARD_QUEUE, trackingId, Map.of(), duplicateId);
    }

    /** The row and the file as {@link PublicSubmissions#accept} leaves them, nothing queued. */
    private void accept(String trackingId) throws Exception {
        Path file = Files.writeString(Files.createDirectories(dir.resolve("public")).resolve(trackingId + ".xml"),
                Declarations.declaration("DE", trackingId), StandardCharsets.UTF_8);
        store.insert(new StoredSubmission(trackingId, "portal", ImiDocumentType.PUBLIC_DECLARATION, "posting-declarations",
                "DE", Optional.empty(), "DE-ZOLL", "ap-1", "public-" + trackingId + "@" + HUB, file, Files.size(file), "-",
                clock.instant(), Optional.empty(), Optional.empty()));
    }

    private boolean forwarded(String trackingId) {
        return find(trackingId).forwarded().isPresent();
    }

    private StoredSubmission find(String trackingId) {
        try {
            return store.find(trackingId).orElseThrow();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within 30 s");
            Thread.sleep(20);
        }
    }

    /** A submission port that refuses what it is told to, as the hub's submit path does when its outbox fails. */
    private static final class RefusingPort implements GatewayPort {
        final List<String> submitted = new CopyOnWriteArrayList<>();
        final AtomicInteger attempts = new AtomicInteger();
        private final AtomicInteger refusals = new AtomicInteger();
        volatile boolean refuseForGood;

        void refuseNext(int times) {
            refusals.set(times);
        }

        @Override
        public String submit(Submission submission) throws SubmissionException {
            attempts.incrementAndGet();
            if (refuseForGood) {
                throw new SubmissionException("EBMS:0010", "no PMode leg to ap-1");
            }
            if (refusals.getAndDecrement() > 0) {
                throw new SubmissionException("EBMS:0004", "the submission cannot be stored: disk full",
                        new IOException("disk full"));
            }
            submitted.add(submission.messageId().orElseThrow());
            return submission.messageId().orElseThrow();
        }
    }
}
