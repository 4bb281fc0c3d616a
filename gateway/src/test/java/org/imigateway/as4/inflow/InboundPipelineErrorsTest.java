package org.imigateway.as4.inflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.imigateway.as4.EbmsErrorCode;
import org.imigateway.as4.StepParties;
import org.imigateway.connectors.Delivery;
import org.imigateway.pmode.PModeSet;
import org.imigateway.store.InboundSink;
import org.junit.jupiter.api.BeforeAll;
import org.imigateway.as4.WorkFolders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An Error in the receive path (above all OutOfMemoryError from a message too large for the
 * heap) is answered as an ebMS error, EBMS:0004 with a detail that tells nothing of our process,
 * instead of escaping to Jetty, which would answer an HTML 500 the sender cannot read. Whatever
 * breaks the receive off, its work folder is removed, and so are those a killed process left.
 */
class InboundPipelineErrorsTest {

    private static final String CONTENT_TYPE = "multipart/related; type=\"application/soap+xml\"; boundary=b";

    @TempDir
    static Path dir;
    static InboundPipeline pipeline;

    @BeforeAll
    static void start() {
        pipeline = new InboundPipeline(() -> new PModeSet(List.of(), List.of()), "gw-b", StepParties.get().receiverKeys,
                new RefusingSink(), dir.resolve("work"), 1L << 30);
    }

    @Test
    void outOfMemoryWhileReceivingIsAnsweredWithAFinalEbms0004ThatTellsNothingOfOurProcess() {
        InboundOutcome outcome = pipeline.receive(CONTENT_TYPE, failingWith(new OutOfMemoryError("Java heap space")));

        InboundOutcome.Rejected rejected = assertInstanceOf(InboundOutcome.Rejected.class, outcome);
        assertEquals(EbmsErrorCode.OTHER, rejected.error().code());
        String detail = rejected.error().detail();
        assertTrue(detail.contains("not accepted"), detail);
        assertFalse(detail.contains("heap") || detail.contains("MiB") || detail.contains("Java"),
                "no heap size or JVM message for the sender: " + detail);
        assertFalse(rejected.temporary(), "the same message would fail again: not a reason to resend it");
    }

    @Test
    void anotherErrorIsAnsweredWithEbms0004WithoutItsClassName() {
        InboundOutcome outcome = pipeline.receive(CONTENT_TYPE, failingWith(new StackOverflowError()));

        InboundOutcome.Rejected rejected = assertInstanceOf(InboundOutcome.Rejected.class, outcome);
        assertEquals(EbmsErrorCode.OTHER, rejected.error().code());
        assertFalse(rejected.error().detail().contains("StackOverflow"), rejected.error().detail());
    }

    @Test
    void theWorkFolderOfTheFailedMessageIsRemoved() throws IOException {
        pipeline.receive(CONTENT_TYPE, failingWith(new OutOfMemoryError("Java heap space")));

        assertTrue(WorkFolders.awaitPending(java.time.Duration.ofSeconds(10)));
        try (var left = Files.list(dir.resolve("work"))) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void theWorkFolderIsRemovedWhenTheBodyBreaksOffInTheMiddleOfAnAttachment() throws IOException {
        pipeline.receive(CONTENT_TYPE, breakingOffWith(new IOException("connection reset by peer")));
        pipeline.receive(CONTENT_TYPE, breakingOffWith(new OutOfMemoryError("Java heap space")));

        assertTrue(WorkFolders.awaitPending(java.time.Duration.ofSeconds(10)));
        try (var left = Files.list(dir.resolve("work"))) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void workFoldersThatAKilledProcessLeftAreRemovedAtStart() throws IOException {
        Path root = dir.resolve("killed");
        Path stale = Files.createDirectories(root.resolve("in-12345"));
        Files.writeString(stale.resolve("part-1.bin"), "spooled before the kill");
        Path outbound = Files.createDirectories(root.resolve("out-678"));

        new InboundPipeline(() -> new PModeSet(List.of(), List.of()), "gw-b", StepParties.get().receiverKeys,
                new RefusingSink(), root, 1L << 30);

        assertFalse(Files.exists(stale), "the inbound leftover is removed");
        assertTrue(Files.exists(outbound), "the sender's folders are not the receive path's to remove");
    }

    /** A valid SOAP part, then an attachment whose bytes stop with {@code failure} after 100 KB. */
    private static InputStream breakingOffWith(Throwable failure) {
        byte[] start = ("--b\r\nContent-Type: application/soap+xml\r\n\r\n<S12:Envelope xmlns:S12=\""
                + org.imigateway.as4.Namespaces.SOAP12 + "\"><S12:Header/><S12:Body/></S12:Envelope>\r\n"
                + "--b\r\nContent-ID: <a@test>\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return new InputStream() {
            private int position;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0];
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (position >= start.length + 100_000) {
                    if (failure instanceof IOException e) {
                        throw e;
                    }
                    throw (Error) failure;
                }
                int n = Math.min(len, start.length + 100_000 - position);
                for (int i = 0; i < n; i++, position++) {
                    b[off + i] = position < start.length ? start[position] : (byte) 'x';
                }
                return n;
            }
        };
    }

    /** A request body whose first read fails as reading a huge message can. */
    private static InputStream failingWith(Error error) {
        return new InputStream() {
            @Override
            public int read() {
                throw error;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                throw error;
            }
        };
    }

    /** The failing message never gets as far as the store. */
    private static final class RefusingSink implements InboundSink {
        @Override
        public Optional<byte[]> receiptFor(String messageId) {
            throw new AssertionError("not reached");
        }

        @Override
        public Optional<byte[]> accept(Delivery message, byte[] receipt) {
            throw new AssertionError("not reached");
        }

        @Override
        public Optional<byte[]> acceptPing(String messageId, byte[] receipt) {
            throw new AssertionError("not reached");
        }
    }
}
