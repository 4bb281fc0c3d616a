package org.imigateway.as4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.imigateway.TestNetwork;
import org.imigateway.as4.outflow.SendResult;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 18, Show 3: junk bodies, MIME part floods and huge header lines sent over HTTP to a
 * running gateway are refused early with the ebMS error of the limit they break; while each runs
 * a watcher sums the bytes in {@code data/work}, which stay under {@link #WORK_BOUND}; afterwards
 * no temporary file is left and a valid message still goes through. Bodies are generated as
 * they are sent, so the test holds none of the gigabytes in memory.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileBodiesAreRefusedEarlyTest {

    /** What a refused hostile body may have written to data/work at any moment: limits.soap.maxBytes and 1 MiB. */
    static final long WORK_BOUND = 2 << 20;
    private static final long GIGABYTE = 1L << 30;
    private static final String TYPE = "multipart/related; type=\"application/soap+xml\"; boundary=b";
    private static final String ROOT = "--b\r\nContent-Type: application/soap+xml\r\nContent-ID: <root@test>\r\n\r\n"
            + "<S12:Envelope xmlns:S12=\"" + Namespaces.SOAP12 + "\"><S12:Header/><S12:Body/></S12:Envelope>\r\n";

    @TempDir
    static Path dir;
    static TestNetwork network;
    static Path work;

    @BeforeAll
    static void start() throws Exception {
        network = TestNetwork.create(dir.resolve("net"), "gw-a", "gw-b");
        network.start("gw-a");
        network.start("gw-b");
        work = network.plan().home("gw-b").resolve("data/work");
    }

    @AfterAll
    static void stop() {
        network.close();
    }

    /** One hostile body: how it is announced, and the refusal it must get. */
    record Hostile(String name, Supplier<GeneratedBody> body, boolean announced, long announce, String code, String key) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Hostile> hostileBodies() {
        return Stream.of(
                new Hostile("1 GB of junk, announced", () -> junk(), true, GIGABYTE, "EBMS:0007", "MIME boundary"),
                new Hostile("1 GB of junk, chunked", () -> junk(), false, -1, "EBMS:0007", "MIME boundary"),
                new Hostile("4 GiB announced, more than limits.maxMessageBytes", () -> junk(), true, 4 * GIGABYTE,
                        "EBMS:0004", ParseLimits.MAX_MESSAGE_BYTES),
                new Hostile("100,000 MIME parts", () -> GeneratedBody.of(ROOT, "--b\r\nContent-ID: <p@test>\r\n\r\npart\r\n",
                        100_000, "--b--\r\n"), false, -1, "EBMS:0007", ParseLimits.MIME_MAX_PARTS),
                new Hostile("a MIME header line of 450 MB", () -> GeneratedBody.of(ROOT + "--b\r\nX-Long: ", "h", 450_000_000L,
                        "\r\n\r\n--b--\r\n"), false, -1, "EBMS:0007", ParseLimits.MIME_MAX_HEADER_LENGTH),
                new Hostile("a SOAP part of 1 million elements", () -> GeneratedBody.of("--b\r\nContent-Type: "
                        + "application/soap+xml\r\n\r\n<S12:Envelope xmlns:S12=\"" + Namespaces.SOAP12 + "\"><S12:Header>",
                        "<a/>", 1_000_000, "</S12:Header><S12:Body/></S12:Envelope>\r\n--b--\r\n"), false, -1, "EBMS:0009",
                        ParseLimits.SOAP_MAX_ELEMENTS),
                new Hostile("a SOAP part of 30 MB", () -> GeneratedBody.of("--b\r\nContent-Type: application/soap+xml\r\n\r\n"
                        + "<S12:Envelope xmlns:S12=\"" + Namespaces.SOAP12 + "\"><S12:Header>", "<a>" + "x".repeat(30_000)
                        + "</a>", 1_000, "</S12:Header><S12:Body/></S12:Envelope>\r\n--b--\r\n"), false, -1, "EBMS:0009",
                        ParseLimits.SOAP_MAX_BYTES));
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileBodies")
    void isRefusedEarlyWithinTheWorkBoundAndLeavesNoFile(Hostile hostile) throws Exception {
        GeneratedBody body = hostile.body().get();
        RawPost.Answer answer;
        try (WorkWatcher watcher = new WorkWatcher(work)) {
            answer = RawPost.post(network.plan().port("gw-b"), As4Endpoint.PATH, TYPE,
                    hostile.announced() ? hostile.announce() : -1, body);
            long peak = watcher.peak();
            System.out.println(hostile + ": refused after " + body.consumed() + " bytes sent; data/work peak " + peak + " bytes");
            assertTrue(peak <= WORK_BOUND, "data/work held " + peak + " bytes at its peak");
        }

        assertEquals(500, answer.status(), answer.body());
        assertTrue(answer.body().contains(hostile.code()), answer.body());
        assertTrue(answer.body().contains(hostile.key()), answer.body());
        assertTrue(body.consumed() < 64L << 20, "refused after " + body.consumed() + " bytes were generated");
        assertEquals(List.of(), leftoversAfterCleaning(), "no temporary file or folder remains");
    }

    @Order(2)
    @Test
    void aValidMessageGoesThroughAfterTheHostileBodies() throws Exception {
        Path payload = Files.writeString(dir.resolve("payload.xml"), "<ok xmlns=\"urn:test\"/>");
        SendResult result = network.gateway("gw-a").send(Submission.to("gw-b").service(DemoNetwork.SERVICE,
                DemoNetwork.SERVICE_TYPE).action(DemoNetwork.ACTION).payload(Payload.of(payload, "application/xml")).build());

        SendResult.Acknowledged acknowledged = assertInstanceOf(SendResult.Acknowledged.class, result);
        TestNetwork.awaitDelivered(network.gateway("gw-b"), acknowledged.messageId());
        assertEquals(List.of(), leftoversAfterCleaning());
    }

    private static GeneratedBody junk() {
        return GeneratedBody.of("", "\u00a7junk\u00ff junk junk junk\r\n", GIGABYTE / 24, "");
    }

    /** Work folders go on the cleaner thread after the answer. */
    private static List<Path> leftoversAfterCleaning() throws IOException {
        assertTrue(WorkFolders.awaitPending(java.time.Duration.ofSeconds(10)));
        return leftovers();
    }

    private static List<Path> leftovers() throws IOException {
        try (Stream<Path> files = Files.list(work)) {
            return files.filter(p -> p.getFileName().toString().startsWith("in-")).toList();
        }
    }

    /** Sums the sizes of the files under data/work every few milliseconds and keeps the peak. */
    private static final class WorkWatcher implements AutoCloseable {
        private final Path root;
        private final AtomicLong peak = new AtomicLong();
        private final Thread thread;
        private volatile boolean running = true;

        WorkWatcher(Path root) {
            this.root = root;
            this.thread = new Thread(this::watch, "work-watcher");
            thread.setDaemon(true);
            thread.start();
        }

        private void watch() {
            while (running) {
                peak.accumulateAndGet(size(), Math::max);
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private long size() {
            try (Stream<Path> files = Files.walk(root)) {
                return files.mapToLong(file -> {
                    try {
                        return Files.isRegularFile(file) ? Files.size(file) : 0;
                    } catch (IOException e) {
                        return 0;  // removed while we looked
                    }
                }).sum();
            } catch (IOException | UncheckedIOException e) {
                return 0;
            }
        }

        long peak() {
            peak.accumulateAndGet(size(), Math::max);
            return peak.get();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(5_000);
        }
    }
}
