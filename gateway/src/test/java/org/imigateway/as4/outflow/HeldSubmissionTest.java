package org.imigateway.as4.outflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.imigateway.connectors.MessageProperty;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A submission held until discovery answers comes back field for field, its payloads from the copies. */
class HeldSubmissionTest {

    @TempDir
    Path dir;

    @Test
    void heldSubmissionReadsBackAsGivenWithItsPayloadsCopied() throws Exception {
        Path original = Files.writeString(dir.resolve("request.xml"), "<request/>");
        Payload payload = new Payload(original, "application/xml", Optional.of("UTF-8"),
                List.of(MessageProperty.typed("part", "first", "imi"), MessageProperty.of("plain", "value with = and :")));
        Submission given = new Submission("", "urn:imi:service", Optional.of("imi-service-type"), "Request",
                Optional.of("conv-1"), Optional.of("msg-1@imi"), Optional.of("earlier@imi"),
                List.of(MessageProperty.of("originalSender", "urn:imi:a"), MessageProperty.typed("finalRecipient", "0088:b", "iso6523")),
                List.of(payload), Optional.of("backend-42"),
                Optional.of(new Submission.Recipient("iso6523-actorid-upis::0088:b", "imi-doctype::urn:imi:request:1.0",
                        "imi-process::urn:imi:cooperation")));
        Path folder = Files.createDirectories(dir.resolve("outbox-entry"));

        Path file = HeldSubmission.write(given, folder);
        Files.delete(original);
        Submission read = HeldSubmission.read(file);

        Path copy = read.payloads().get(0).file();
        assertEquals("request.xml", copy.getFileName().toString(), "the payload keeps its file name");
        assertEquals("<request/>", Files.readString(copy));
        assertEquals(new Submission(given.toParty(), given.service(), given.serviceType(), given.action(),
                given.conversationId(), given.messageId(), given.refToMessageId(), given.properties(),
                List.of(new Payload(copy, "application/xml", Optional.of("UTF-8"), payload.properties())),
                given.submissionId(), given.recipient()), read);

        HeldSubmission.delete(folder);
        assertFalse(Files.exists(file));
        assertFalse(Files.exists(copy));
    }

    @Test
    void aHeldSubmissionWithoutItsFieldsIsRefusedNamingTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve(HeldSubmission.FILE), "service=x\n");
        IOException e = assertThrows(IOException.class, () -> HeldSubmission.read(file));
        assertEquals(file + " lacks toParty", e.getMessage());
    }
}
