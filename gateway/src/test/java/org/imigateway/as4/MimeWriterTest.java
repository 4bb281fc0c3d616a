package org.imigateway.as4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.ContentType;

import org.imigateway.as4.outflow.OutboundMessage;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.connectors.Payload;
import org.junit.jupiter.api.Test;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.diff.Diff;

/**
 * MimeWriter: SOAP with Attachments as multipart/related, the SOAP 1.2 envelope as the start
 * part, then each attachment in order, binary and byte for byte, under its Content-ID.
 */
class MimeWriterTest {

    private static final StepParties PARTIES = StepParties.get();
    private final MimeWriter step = new MimeWriter();

    @Test
    void theEnvelopeAndEachAttachmentArriveInOrderByteForByte() throws Exception {
        byte[] everyByte = new byte[512];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) i;
        }
        Path binary = Files.write(PARTIES.newFolder("mime-").resolve("every-byte.bin"), everyByte);
        OutboundMessage message = PARTIES.built(PARTIES.submission(StepParties.PLAIN)
                .payload(PARTIES.xmlPayload("<note xmlns=\"urn:hostile\">written</note>"))
                .payload(Payload.of(binary, "application/octet-stream")).build());
        MimeEnvelope envelope = StepParties.envelope(message);

        MimeWriter.Written written = step.write(envelope.soap(), envelope.parts(), message.workDir().resolve("body.mime"));

        MimeEnvelope read;
        try (InputStream in = Files.newInputStream(written.file())) {
            read = new MimeReader(1L << 20).read(written.contentType(), in, PARTIES.newFolder("read-"));
        }
        Diff diff = DiffBuilder.compare(envelope.soap().getDocumentElement()).withTest(read.soap().getDocumentElement()).checkForIdentical().build();
        assertFalse(diff.hasDifferences(), diff::toString);
        assertEquals(envelope.parts().stream().map(As4Part::contentId).toList(),
                read.parts().stream().map(As4Part::contentId).toList());
        assertEquals(List.of("application/xml", "application/octet-stream"),
                read.parts().stream().map(As4Part::contentType).toList());
        for (int i = 0; i < envelope.parts().size(); i++) {
            assertArrayEquals(Files.readAllBytes(envelope.parts().get(i).file()), Files.readAllBytes(read.parts().get(i).file()));
        }
    }

    @Test
    void theContentTypeNamesBoundarySoap12TypeAndTheStartPart() throws Exception {
        OutboundMessage message = PARTIES.built(PARTIES.submission(DemoNetwork.ACTION).payload(PARTIES.binaryPayload(64))
                .build());
        MimeEnvelope envelope = StepParties.envelope(message);

        MimeWriter.Written written = step.write(envelope.soap(), envelope.parts(), message.workDir().resolve("body.mime"));

        ContentType type = new ContentType(written.contentType());
        assertTrue(type.match("multipart/related"));
        assertEquals(Namespaces.SOAP12_CONTENT_TYPE, type.getParameter("type"));
        String body = Files.readString(written.file(), StandardCharsets.ISO_8859_1);
        assertTrue(body.startsWith("--" + type.getParameter("boundary") + "\r\n"));
        assertTrue(body.contains("Content-ID: " + type.getParameter("start") + "\r\n"), "the SOAP part is the start part");
        assertTrue(body.endsWith("\r\n--" + type.getParameter("boundary") + "--\r\n"));
        assertEquals(2, count(body, "Content-Transfer-Encoding: binary\r\n"), "SOAP part and attachment, both binary");
    }

    @Test
    void aPartsOwnHeadersAreWrittenButNotTheThreeTheWriterOwns() throws Exception {
        OutboundMessage message = PARTIES.built(PARTIES.submission(StepParties.PLAIN).payload(PARTIES.binaryPayload(64))
                .build());
        As4Part part = message.parts().get(0).part();
        As4Part withHeaders = new As4Part(part.contentId(), part.contentType(), Map.of("Content-Description", "a note",
                "Content-Type", "text/forged", "content-id", "<forged@step>"), part.file());

        MimeWriter.Written written = step.write(StepParties.envelope(message).soap(), List.of(withHeaders),
                message.workDir().resolve("body.mime"));

        String body = Files.readString(written.file(), StandardCharsets.ISO_8859_1);
        assertEquals(1, count(body, "Content-Description: a note\r\n"));
        assertFalse(body.contains("text/forged"));
        assertFalse(body.contains("forged@step"));
        assertTrue(body.contains("Content-ID: <" + part.contentId() + ">\r\n"));
    }

    private static int count(String text, String what) {
        int count = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
            count++;
        }
        return count;
    }
}
