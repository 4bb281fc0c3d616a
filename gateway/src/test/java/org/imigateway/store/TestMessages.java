package org.imigateway.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.imigateway.connectors.Delivery;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.connectors.Payload;

/** Messages for the store tests: each call gives a fresh MessageId. */
final class TestMessages {

    private static final AtomicInteger NEXT = new AtomicInteger();
    static final Instant SENT = Instant.parse("2025-03-30T02:30:00.123456Z");

    private TestMessages() {
    }

    static String newId(String what) {
        return what + "-" + NEXT.incrementAndGet() + "@test.imigateway.org";
    }

    static MessageHeader header(String messageId) {
        return new MessageHeader(messageId, "conv-" + messageId, Optional.of("earlier@test"), SENT, "urn:party:be",
                "urn:party:nl", "urn:imi:requests", Optional.of("imi-service"), "SubmitRequest");
    }

    static byte[] receipt(String text) {
        return ("<eb:Receipt>" + text + "</eb:Receipt>").getBytes(StandardCharsets.UTF_8);
    }

    /** A delivery with two small payloads written to {@code folder}. */
    static Delivery delivery(String messageId, Path folder) throws IOException {
        Path xml = Files.writeString(folder.resolve(messageId + "-1.xml"), "<request id=\"" + messageId + "\"/>");
        Path pdf = Files.write(folder.resolve(messageId + "-2.pdf"), new byte[] {'%', 'P', 'D', 'F', 0, 1, 2, (byte) 255});
        return delivery(messageId, List.of(
                new Payload(xml, "application/xml", Optional.of("UTF-8"),
                        List.of(MessageProperty.of("MimeType", "application/xml"),
                                MessageProperty.typed("CompressionType", "application/gzip", "string"))),
                Payload.of(pdf, "application/pdf")));
    }

    static Delivery delivery(String messageId, List<Payload> payloads) {
        MessageHeader h = header(messageId);
        return new Delivery(messageId, h.conversationId(), h.refToMessageId(), h.timestamp(), h.fromParty(),
                h.toParty(), h.service(), h.serviceType(), h.action(),
                List.of(MessageProperty.of("originalSender", "urn:authority:be:1"),
                        MessageProperty.typed("finalRecipient", "urn:authority:nl:7", "iso6523")),
                payloads);
    }

    static MimeBody body(Path folder, String messageId) throws IOException {
        Path file = Files.writeString(folder.resolve(messageId.replace('@', '_') + ".mime"), "--b\r\n...\r\n--b--");
        return new MimeBody(file, "multipart/related; boundary=\"b\"; type=\"application/soap+xml\"");
    }
}
