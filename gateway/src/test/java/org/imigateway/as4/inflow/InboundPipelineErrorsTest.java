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
import org.imigateway.as4.PairOfKeys;
import org.imigateway.connectors.Delivery;
import org.imigateway.pmode.PModeSet;
import org.imigateway.store.InboundSink;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An Error in the receive path (above all OutOfMemoryError from a message too large for the
 * heap) is answered as an ebMS error, EBMS:0004 with a detail saying why, instead of escaping
 * to Jetty, which would answer an HTML 500 the sender cannot read.
 */
class InboundPipelineErrorsTest {

    private static final String CONTENT_TYPE = "multipart/related; type=\"application/soap+xml\"; boundary=b";

    @TempDir
    static Path dir;
    static InboundPipeline pipeline;

    @BeforeAll
    static void start() {
        pipeline = new InboundPipeline(() -> new PModeSet(List.of(), List.of()), "gw-b", PairOfKeys.issue().receiver(),
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

        try (var left = Files.list(dir.resolve("work"))) {
            assertEquals(0, left.count());
        }
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
