package org.imigateway.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.imigateway.connectors.Delivery;
import org.imigateway.connectors.Payload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The inbound sink on Derby and on PostgreSQL. */
@ParameterizedClass
@EnumSource(TestStore.class)
class DerbySinkTest {

    private static final long FIFTY_MB = 50L * 1024 * 1024;

    @Parameter
    TestStore store;

    @TempDir
    static Path temp;
    static Database database;
    static MessageLog log;
    static PayloadStore payloads;
    static DerbySink sink;

    @BeforeParameterizedClassInvocation
    static void open(TestStore store) throws Exception {
        database = store.open(temp);
        log = new MessageLog(database);
        payloads = new PayloadStore(database, temp.resolve("payloads"));
        sink = new DerbySink(log, payloads);
    }

    @AfterParameterizedClassInvocation
    static void close() {
        database.close();
    }

    @Test
    void concurrentDuplicatesStoreOneMessageAndAllGetItsReceipt() throws Exception {
        String id = TestMessages.newId("dup");
        long filesBefore = storedFiles();

        // Each duplicate arrives in a request of its own, with payload files of its own (the sink takes them over).
        List<Optional<byte[]>> answers = MessageLogTransitionsTest.race(8, () -> {
            String thread = Thread.currentThread().getName();
            Delivery delivery = TestMessages.delivery(id, Files.createTempDirectory(temp, "request-"));
            return sink.accept(delivery, TestMessages.receipt(thread));
        });

        assertEquals(1, answers.stream().filter(Optional::isEmpty).count(), "exactly one stored");
        byte[] stored = sink.receiptFor(id).orElseThrow();
        for (Optional<byte[]> answer : answers) {
            answer.ifPresent(earlier -> assertArrayEquals(stored, earlier));
        }
        assertEquals(1, log.history(id, Direction.INBOUND).size());
        assertEquals(2, payloads.payloads(id, Direction.INBOUND).size());
        assertEquals(filesBefore + 2, storedFiles(), "the losers' payload files are gone");
        assertEquals(0, incomingFiles());
    }

    @Test
    void fiftyMegabytePayloadIsStreamedAndComesBackByteIdentical() throws Exception {
        String id = TestMessages.newId("large");
        Path source = temp.resolve(id + ".bin");
        try (InputStream generated = new GeneratedContent(42, FIFTY_MB)) {
            Files.copy(generated, source);
        }
        String expectedSha;
        try (InputStream generated = new GeneratedContent(42, FIFTY_MB)) {
            expectedSha = GeneratedContent.sha256(generated);
        }

        assertEquals(Optional.empty(), sink.accept(TestMessages.delivery(id,
                List.of(Payload.of(source, "application/octet-stream"))), TestMessages.receipt(id)));
        assertFalse(Files.exists(source), "taken over by the payload store");

        StoredPayload stored = payloads.payloads(id, Direction.INBOUND).get(0);
        assertEquals(FIFTY_MB, stored.size());
        assertEquals(expectedSha, stored.sha256());
        try (InputStream back = payloads.open(id, Direction.INBOUND, 1);
                InputStream expected = new GeneratedContent(42, FIFTY_MB)) {
            assertSameBytes(expected, back);
        }
    }

    @Test
    void deliveryIsRebuiltFromTheStore() throws Exception {
        String id = TestMessages.newId("rebuild");
        Delivery original = TestMessages.delivery(id, temp);
        List<byte[]> contents = new java.util.ArrayList<>();
        for (Payload payload : original.payloads()) {
            contents.add(Files.readAllBytes(payload.file()));
        }
        sink.accept(original, TestMessages.receipt(id));

        Delivery rebuilt = sink.delivery(id).orElseThrow();

        assertEquals(original.messageId(), rebuilt.messageId());
        assertEquals(original.conversationId(), rebuilt.conversationId());
        assertEquals(original.refToMessageId(), rebuilt.refToMessageId());
        assertEquals(original.timestamp(), rebuilt.timestamp());
        assertEquals(List.of(original.fromPartyId(), original.toPartyId(), original.service(), original.action()),
                List.of(rebuilt.fromPartyId(), rebuilt.toPartyId(), rebuilt.service(), rebuilt.action()));
        assertEquals(original.serviceType(), rebuilt.serviceType());
        assertEquals(original.properties(), rebuilt.properties());
        assertEquals(original.payloads().size(), rebuilt.payloads().size());
        for (int i = 0; i < original.payloads().size(); i++) {
            Payload before = original.payloads().get(i);
            Payload after = rebuilt.payloads().get(i);
            assertEquals(before.mimeType(), after.mimeType());
            assertEquals(before.characterSet(), after.characterSet());
            assertEquals(before.properties(), after.properties());
            assertArrayEquals(contents.get(i), Files.readAllBytes(after.file()));
            assertFalse(after.file().equals(before.file()), "in the payload store");
        }
        assertEquals(Optional.empty(), sink.delivery("unknown@x"));
    }

    @Test
    void pingIsReceiptedButNeverOfferedForDelivery() throws Exception {
        String id = TestMessages.newId("ping");
        assertEquals(Optional.empty(), sink.acceptPing(id, TestMessages.receipt("first")));
        assertArrayEquals(TestMessages.receipt("first"),
                sink.acceptPing(id, TestMessages.receipt("second")).orElseThrow(), "a repeated ping gets the first receipt");

        assertTrue(log.find(id, Direction.INBOUND).orElseThrow().ping());
        assertFalse(log.inboundPendingDelivery().stream().anyMatch(m -> m.messageId().equals(id)));
        assertEquals(Optional.empty(), sink.delivery(id));
        assertThrows(StoreException.class, () -> log.markDelivered(id));
    }

    @Test
    void refusedPayloadLeavesNoFileBehind() throws Exception {
        String id = TestMessages.newId("refused");
        Path part = Files.writeString(temp.resolve(id + ".txt"), "content");
        Delivery tooLong = TestMessages.delivery(id, List.of(new Payload(part, "text/plain",
                Optional.of("x".repeat(65)), List.of())));
        long before = storedFiles();

        assertThrows(IllegalArgumentException.class, () -> sink.accept(tooLong, TestMessages.receipt(id)));

        assertEquals(before, storedFiles());
        assertEquals(0, incomingFiles());
        assertEquals(Optional.empty(), log.find(id, Direction.INBOUND), "the transaction rolled back");
    }

    static void assertSameBytes(InputStream expected, InputStream actual) throws IOException {
        byte[] a = new byte[64 * 1024];
        byte[] b = new byte[64 * 1024];
        long offset = 0;
        while (true) {
            int n = expected.readNBytes(a, 0, a.length);
            int m = actual.readNBytes(b, 0, b.length);
            assertEquals(n, m, "length differs after byte " + offset);
            for (int i = 0; i < n; i++) {
                if (a[i] != b[i]) {
                    throw new AssertionError("byte " + (offset + i) + " differs");
                }
            }
            if (n < a.length) {
                return;
            }
            offset += n;
        }
    }

    private static long storedFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(temp.resolve("payloads").resolve("files"))) {
            return walk.filter(Files::isRegularFile).count();
        }
    }

    private static long incomingFiles() throws IOException {
        try (Stream<Path> list = Files.list(payloads.incomingFolder())) {
            return list.count();
        }
    }
}
