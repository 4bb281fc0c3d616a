package org.imigateway.as4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MIME reader refuses at the first limit a body breaks, having read little more than that
 * limit's worth: the bodies here are generated as they are read, up to a gigabyte long.
 */
class MimeReaderLimitsTest {

    private static final String TYPE = "multipart/related; type=\"application/soap+xml\"; boundary=b";
    private static final String SOAP = "<S12:Envelope xmlns:S12=\"" + Namespaces.SOAP12 + "\"><S12:Header/><S12:Body/>"
            + "</S12:Envelope>";
    private static final String ROOT = "--b\r\nContent-Type: application/soap+xml\r\nContent-ID: <root@test>\r\n\r\n" + SOAP
            + "\r\n";
    private static final long GIGABYTE = 1L << 30;
    private static final ParseLimits LIMITS = ParseLimits.defaults(64L << 20);

    @TempDir
    Path dir;
    Path work;

    @BeforeEach
    void work() throws IOException {
        work = Files.createDirectories(dir.resolve("work"));
    }

    @Test
    void validMessageWithAttachmentsBeforeTheRootNamedByStartIsRead() throws Exception {
        String body = "--b\r\nContent-Type: application/octet-stream\r\nContent-ID: <a@test>\r\nX-Extra: 1\r\n\r\nAAAA\r\n"
                + ROOT.replace("<root@test>", "<start@test>") + "--b--\r\n";
        MimeEnvelope envelope = reader().read(TYPE + "; start=\"<start@test>\"", body.length(),
                GeneratedBody.of(body, "", 0, ""), work);

        assertEquals("Envelope", envelope.soap().getDocumentElement().getLocalName());
        assertEquals(1, envelope.parts().size());
        As4Part part = envelope.parts().get(0);
        assertEquals("a@test", part.contentId());
        assertEquals("application/octet-stream", part.contentType());
        assertEquals("1", part.headers().get("X-Extra"));
        assertEquals("AAAA", Files.readString(part.file()));
    }

    @Test
    void announcedLengthOverTheLimitIsRefusedBeforeAByteIsRead() {
        GeneratedBody body = GeneratedBody.of(ROOT, "x", GIGABYTE, "");

        EbmsException refusal = assertThrows(EbmsException.class, () -> reader().read(TYPE, body.length(), body, work));

        assertRefused(refusal, EbmsErrorCode.OTHER, ParseLimits.MAX_MESSAGE_BYTES);
        assertEquals(0, body.consumed());
    }

    @Test
    void chunkedBodyOverTheLimitIsRefusedAtTheLimit() {
        GeneratedBody body = GeneratedBody.of(ROOT + "--b\r\nContent-ID: <big@test>\r\n\r\n", "x", GIGABYTE, "");

        EbmsException refusal = assertThrows(EbmsException.class, () -> reader().read(TYPE, -1, body, work));

        assertRefused(refusal, EbmsErrorCode.OTHER, ParseLimits.MAX_MESSAGE_BYTES);
        assertTrue(body.consumed() < LIMITS.maxMessageBytes() + (1 << 20), "read " + body.consumed());
    }

    @Test
    void gigabyteOfJunkWithoutBoundaryIsRefusedAfterTheAllowedPreamble() {
        GeneratedBody body = GeneratedBody.of("", "junk junk junk\r\n", GIGABYTE / 16, "");

        EbmsException refusal = assertThrows(EbmsException.class, () -> reader().read(TYPE, -1, body, work));

        assertEquals(EbmsErrorCode.MIME_INCONSISTENCY, refusal.code());
        assertTrue(refusal.error().detail().contains("before the first MIME boundary"), refusal.error().detail());
        assertTrue(body.consumed() < 1 << 20, "read " + body.consumed());
    }

    @Test
    void hundredThousandPartsAreRefusedAtThePartLimit() throws IOException {
        GeneratedBody body = GeneratedBody.of(ROOT, "--b\r\nContent-ID: <p@test>\r\n\r\np\r\n", 100_000, "--b--\r\n");

        EbmsException refusal = assertThrows(EbmsException.class, () -> reader().read(TYPE, -1, body, work));

        assertRefused(refusal, EbmsErrorCode.MIME_INCONSISTENCY, ParseLimits.MIME_MAX_PARTS);
        try (var files = Files.list(work)) {
            assertTrue(files.count() < LIMITS.mimeMaxParts(), "one file per part at most, up to the limit");
        }
    }

    @Test
    void headerLineOf450MegabytesIsRefusedAtTheHeaderLimit() {
        GeneratedBody body = GeneratedBody.of(ROOT + "--b\r\nX-Long: ", "h", 450_000_000L, "\r\n\r\n--b--\r\n");

        EbmsException refusal = assertThrows(EbmsException.class, () -> reader().read(TYPE, -1, body, work));

        assertRefused(refusal, EbmsErrorCode.MIME_INCONSISTENCY, ParseLimits.MIME_MAX_HEADER_LENGTH);
        assertTrue(body.consumed() < 1 << 20, "read " + body.consumed());
    }

    @Test
    void foldedHeaderOverTheLimitIsRefused() {
        GeneratedBody body = GeneratedBody.of(ROOT + "--b\r\nX-Folded: a", "\r\n aaaaaaaaaaaaaaaaaaaaaaaaa", 1_000_000,
                "\r\n\r\n--b--\r\n");

        EbmsException refusal = assertThrows(EbmsException.class, () -> reader().read(TYPE, -1, body, work));

        assertRefused(refusal, EbmsErrorCode.MIME_INCONSISTENCY, ParseLimits.MIME_MAX_HEADER_LENGTH);
    }

    @Test
    void tooManyHeaderFieldsInOnePartAreRefused() {
        GeneratedBody body = GeneratedBody.of(ROOT + "--b\r\n", "X-H: v\r\n", 1_000_000, "\r\n--b--\r\n");

        EbmsException refusal = assertThrows(EbmsException.class, () -> reader().read(TYPE, -1, body, work));

        assertRefused(refusal, EbmsErrorCode.MIME_INCONSISTENCY, ParseLimits.MIME_MAX_HEADERS);
    }

    @Test
    void soapPartOverItsSizeIsRefusedWithEbms0009() {
        GeneratedBody body = GeneratedBody.of("--b\r\nContent-Type: application/soap+xml\r\n\r\n<S12:Envelope xmlns:S12=\""
                + Namespaces.SOAP12 + "\"><S12:Header>", "<a>" + "x".repeat(30_000) + "</a>", 1_000,
                "</S12:Header></S12:Envelope>\r\n--b--\r\n");

        EbmsException refusal = assertThrows(EbmsException.class, () -> reader().read(TYPE, -1, body, work));

        assertRefused(refusal, EbmsErrorCode.INVALID_HEADER, ParseLimits.SOAP_MAX_BYTES);
    }

    @Test
    void millionElementSoapPartIsRefusedAtTheElementLimitHavingReadLittleOfIt() {
        GeneratedBody body = GeneratedBody.of("--b\r\nContent-Type: application/soap+xml\r\n\r\n<S12:Envelope xmlns:S12=\""
                + Namespaces.SOAP12 + "\"><S12:Header>", "<a/>", 1_000_000, "</S12:Header></S12:Envelope>\r\n--b--\r\n");

        EbmsException refusal = assertThrows(EbmsException.class, () -> reader().read(TYPE, -1, body, work));

        assertRefused(refusal, EbmsErrorCode.INVALID_HEADER, ParseLimits.SOAP_MAX_ELEMENTS);
        assertTrue(body.consumed() < 1 << 20, "read " + body.consumed());
    }

    @Test
    void attachmentOverTheLegLimitIsRefusedWhileSpooling() {
        MimeReader reader = new MimeReader(LIMITS, soap -> OptionalLong.of(1000));
        GeneratedBody body = GeneratedBody.of(ROOT + "--b\r\nContent-ID: <big@test>\r\n\r\n", "x", GIGABYTE, "");

        EbmsException refusal = assertThrows(EbmsException.class, () -> reader.read(TYPE, -1, body, work));

        assertEquals(EbmsErrorCode.OTHER, refusal.code());
        assertTrue(refusal.error().detail().contains("1000 bytes"), refusal.error().detail());
        assertTrue(body.consumed() < 1 << 20, "read " + body.consumed());
    }

    @Test
    void nestedMultipartIsRefused() {
        String body = ROOT + "--b\r\nContent-ID: <n@test>\r\nContent-Type: multipart/mixed; boundary=c\r\n\r\n--c\r\n\r\nx\r\n"
                + "--c--\r\n--b--\r\n";

        EbmsException refusal = assertThrows(EbmsException.class, () -> reader().read(TYPE, -1,
                GeneratedBody.of(body, "", 0, ""), work));

        assertEquals(EbmsErrorCode.MIME_INCONSISTENCY, refusal.code());
    }

    private static MimeReader reader() {
        return new MimeReader(LIMITS, MimeReader.PayloadLimit.NONE);
    }

    private static void assertRefused(EbmsException refusal, EbmsErrorCode code, String key) {
        assertEquals(code, refusal.code(), refusal.error().detail());
        assertTrue(refusal.error().detail().contains(key), refusal.error().detail());
        assertTrue(refusal.error().detail().contains("limit") || refusal.error().detail().contains("accepts"),
                refusal.error().detail());
    }
}
