package org.imigateway.as4.outflow;

import static org.imigateway.as4.Namespaces.PART_PROPERTY_CHARACTER_SET;
import static org.imigateway.as4.Namespaces.PART_PROPERTY_COMPRESSION_TYPE;
import static org.imigateway.as4.Namespaces.PART_PROPERTY_MIME_TYPE;
import static org.imigateway.as4.StepParties.SENDER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import org.imigateway.as4.Namespaces;
import org.imigateway.as4.StepParties;
import org.imigateway.as4.outflow.OutboundMessage.OutboundPart;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;
import org.junit.jupiter.api.Test;

/**
 * PreparePayloads: each payload gets a Content-ID and its PartProperties (MimeType, CharacterSet,
 * the backend's own); on a compressing leg it is gzipped and says {@code CompressionType}.
 */
class PreparePayloadsTest {

    private static final StepParties PARTIES = StepParties.get();
    private final PreparePayloads step = new PreparePayloads();

    @Test
    void eachPayloadGetsItsOwnContentIdAndItsPartProperties() throws Exception {
        Payload xml = PARTIES.xmlPayload("<note xmlns=\"urn:hostile\">prepared</note>");
        Payload binary = PARTIES.binaryPayload(512);
        OutboundMessage message = resolve(PARTIES.submission(StepParties.PLAIN).payload(new Payload(xml.file(),
                "application/xml", Optional.of("UTF-8"), List.of(MessageProperty.typed("kind", "note", "string"))))
                .payload(binary).build());

        step.prepare(message);

        OutboundPart first = message.parts().get(0);
        OutboundPart second = message.parts().get(1);
        assertNotEquals(first.part().contentId(), second.part().contentId());
        assertEquals(List.of(MessageProperty.of(PART_PROPERTY_MIME_TYPE, "application/xml"),
                MessageProperty.of(PART_PROPERTY_CHARACTER_SET, "UTF-8"), MessageProperty.typed("kind", "note", "string")),
                first.properties());
        assertEquals(List.of(MessageProperty.of(PART_PROPERTY_MIME_TYPE, "application/octet-stream")), second.properties());
        assertEquals("application/xml", first.part().contentType());
        assertArrayEquals(Files.readAllBytes(binary.file()), Files.readAllBytes(second.part().file()),
                "a leg without compression sends the file as it is");
    }

    @Test
    void onACompressingLegThePayloadIsGzippedAndSaysSo() throws Exception {
        Payload xml = PARTIES.xmlPayload("<note xmlns=\"urn:hostile\">" + "gzip me ".repeat(100) + "</note>");
        OutboundMessage message = resolve(PARTIES.submission(DemoNetwork.ACTION).payload(xml).build());

        step.prepare(message);

        OutboundPart part = message.parts().get(0);
        assertEquals(Namespaces.GZIP_MIME_TYPE, part.part().contentType());
        assertEquals(List.of(MessageProperty.of(PART_PROPERTY_MIME_TYPE, "application/xml"),
                MessageProperty.of(PART_PROPERTY_COMPRESSION_TYPE, Namespaces.GZIP_MIME_TYPE)), part.properties());
        try (InputStream in = new GZIPInputStream(part.part().open())) {
            assertArrayEquals(Files.readAllBytes(xml.file()), in.readAllBytes());
        }
        assertTrue(part.part().size() < Files.size(xml.file()));
    }

    @Test
    void partPropertiesTheProfileReservesAreNotTakenFromTheBackend() throws Exception {
        Payload xml = PARTIES.xmlPayload("<note xmlns=\"urn:hostile\">reserved</note>");
        OutboundMessage message = resolve(PARTIES.submission(StepParties.PLAIN).payload(new Payload(xml.file(),
                "application/xml", Optional.empty(), List.of(MessageProperty.of(PART_PROPERTY_MIME_TYPE, "text/forged"),
                        MessageProperty.of(PART_PROPERTY_COMPRESSION_TYPE, Namespaces.GZIP_MIME_TYPE),
                        MessageProperty.of(PART_PROPERTY_CHARACTER_SET, "UTF-16")))).build());

        step.prepare(message);

        assertEquals(List.of(MessageProperty.of(PART_PROPERTY_MIME_TYPE, "application/xml")),
                message.parts().get(0).properties());
    }

    @Test
    void aSubmissionWithoutPayloadsHasNoParts() throws Exception {
        OutboundMessage message = resolve(PARTIES.submission(DemoNetwork.ACTION).build());

        step.prepare(message);

        assertTrue(message.parts().isEmpty());
    }

    private static OutboundMessage resolve(Submission submission) throws Exception {
        return new ResolveRoute().resolve(submission, PARTIES.pmodes, SENDER, PARTIES.newFolder("prepare-"));
    }
}
