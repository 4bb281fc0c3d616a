package org.imigateway.route;

import static org.imigateway.GatewayParts.partsOf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.imigateway.Gateway;
import org.imigateway.TestNetwork;
import org.imigateway.as4.outflow.PreparedMessage;
import org.imigateway.as4.outflow.SendResult;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;
import org.imigateway.store.Direction;
import org.imigateway.store.MessageRecord;
import org.imigateway.store.MessageStatus;
import org.imigateway.store.StatusChange;
import org.imigateway.store.TestStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The durable pipeline between real gateways, on Derby and on PostgreSQL: duplicates, an outage, a receiver that never returns. */
@ParameterizedClass
@EnumSource(TestStore.class)
class DurablePipelineTest {

    @Parameter
    TestStore store;

    /** Retries every ~1.5 s for 15 s: long enough to outlast a short outage. */
    private static final String PATIENT = "urn:imigateway:test:patient";
    /** Two quick retries within 3 s: gives up fast. */
    private static final String IMPATIENT = "urn:imigateway:test:impatient";

    @TempDir
    static Path dir;
    static TestNetwork network;
    static Path payload;

    @BeforeParameterizedClassInvocation
    static void start(TestStore store) throws Exception {
        network = TestNetwork.create(dir.resolve("net-" + store), "gw-a", "gw-b", "gw-c");
        for (Path home : network.plan().homes().values()) {
            store.configure(home);
        }
        network.addLeg(leg("patient", PATIENT, "0.25;9;CONSTANT"));
        network.addLeg(leg("impatient", IMPATIENT, "0.05;2;CONSTANT"));
        network.start("gw-a");
        network.start("gw-b");
        payload = Files.writeString(dir.resolve("note.xml"), "<note xmlns=\"urn:test\">durable</note>", StandardCharsets.UTF_8);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        network.close();
    }

    private static String leg(String id, String service, String retry) {
        return """
                  <leg id="%s">
                    <service>%s</service>
                    <action>Deliver</action>
                    <security profile="edelivery-1.15"/>
                    <receptionAwareness retry="%s"/>
                  </leg>""".formatted(id, service, retry);
    }

    @Test
    void duplicateMessageIdGetsOriginalReceiptAndIsDeliveredOnce() throws Exception {
        Gateway a = network.gateway("gw-a");
        Gateway b = network.gateway("gw-b");
        PreparedMessage prepared = a.sender().prepare(Submission.to("gw-b")
                .service(DemoNetwork.SERVICE, DemoNetwork.SERVICE_TYPE).action(DemoNetwork.ACTION)
                .payload(Payload.of(payload, "application/xml")).build(), a.sender().newWorkDir());
        List<byte[]> receipts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            SendResult result = a.sender().transmit(prepared);
            receipts.add(assertInstanceOf(SendResult.Acknowledged.class, result, result::toString).receipt());
        }
        for (byte[] receipt : receipts) {
            assertArrayEquals(receipts.get(0), receipt, "every repeat is answered with the original receipt");
        }
        TestNetwork.awaitDelivered(b, prepared.messageId());
        awaitStatus(b, prepared.messageId(), Direction.INBOUND, MessageStatus.DELIVERED);
        List<StatusChange> history = partsOf(b).messageLog().history(prepared.messageId(), Direction.INBOUND);
        assertEquals(1, history.stream().filter(c -> c.to() == MessageStatus.DELIVERED).count(), history.toString());
        assertEquals(1, history.stream().filter(c -> c.to() == MessageStatus.RECEIVED).count(), history.toString());
    }

    @Test
    void messagesWaitWhileTheReceiverIsDownAndArriveOnceWhenItIsBack() throws Exception {
        Gateway a = network.gateway("gw-a");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(a.submit(Submission.to("gw-c").service(PATIENT).action("Deliver")
                    .payload(Payload.of(payload, "application/xml")).build()));
        }
        // gw-c is not running: every message must fail at least twice (several retry intervals).
        for (String id : ids) {
            awaitAttempts(a, id, 2);
            assertEquals(MessageStatus.WAITING_FOR_RETRY, partsOf(a).messageLog().find(id, Direction.OUTBOUND).orElseThrow().status());
        }
        Gateway c = network.start("gw-c");
        for (String id : ids) {
            MessageRecord record = a.awaitOutcome(id, Duration.ofSeconds(30));
            assertEquals(MessageStatus.ACKNOWLEDGED, record.status(), record.toString());
            assertTrue(record.attempts() >= 3, "attempts: " + record.attempts());
            TestNetwork.awaitDelivered(c, id);
        }
        assertEquals(ids.size(), c.inbox().messages().size());
        network.stop("gw-c");
    }

    @Test
    void messagesEndInSendFailureWithEbms0301WhenTheReceiverNeverReturns() throws Exception {
        Gateway b = network.gateway("gw-b");
        String id = b.submit(Submission.to("gw-c").service(IMPATIENT).action("Deliver")
                .payload(Payload.of(payload, "application/xml")).build());
        MessageRecord record = b.awaitOutcome(id, Duration.ofSeconds(30));
        assertEquals(MessageStatus.SEND_FAILURE, record.status(), record.toString());
        assertEquals("EBMS:0301", record.errorCode().orElseThrow());
        assertTrue(record.errorDetail().orElseThrow().contains("cannot be reached"), record.errorDetail().orElseThrow());
    }

    private static void awaitAttempts(Gateway gateway, String id, int attempts) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (partsOf(gateway).messageLog().find(id, Direction.OUTBOUND).orElseThrow().attempts() < attempts) {
            assertTrue(System.nanoTime() < deadline, "message " + id + " did not reach " + attempts + " attempts");
            Thread.sleep(50);
        }
    }

    private static void awaitStatus(Gateway gateway, String id, Direction direction, MessageStatus status)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (partsOf(gateway).messageLog().find(id, direction).map(MessageRecord::status).orElse(null) != status) {
            assertTrue(System.nanoTime() < deadline, "message " + id + " did not become " + status);
            Thread.sleep(20);
        }
    }
}
