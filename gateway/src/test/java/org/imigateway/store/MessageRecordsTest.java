package org.imigateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.imigateway.port.SentMessages.Progress;
import org.imigateway.port.SentMessages.Sent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The message log and payload files as the hub's ports show them: what was sent, where it stands, which files it has. */
class MessageRecordsTest {

    @TempDir
    Path temp;

    @Test
    void aSentMessageShowsItsProgressAndOnFailureTheErrorTheLogRecorded() throws Exception {
        try (Database database = Database.open(temp.resolve("derby"))) {
            MessageLog log = new MessageLog(database);
            MessageRecords records = new MessageRecords(log, new PayloadStore(database, temp.resolve("payloads")));
            String underWay = register(log, "under-way");
            String waiting = register(log, "waiting");
            log.recordAttempt(waiting, Instant.now().plusSeconds(300), "EBMS:0005", "connection refused");
            String acknowledged = register(log, "acknowledged");
            log.acknowledge(acknowledged, TestMessages.receipt("signed"));
            String failed = register(log, "failed");
            log.fail(failed, "EBMS:0301", "no receipt after 9 attempts");

            assertEquals(Progress.UNDER_WAY, records.find(underWay).orElseThrow().progress());
            assertEquals(Progress.UNDER_WAY, records.find(waiting).orElseThrow().progress(), "a retry is still under way");
            assertEquals(Progress.ACKNOWLEDGED, records.find(acknowledged).orElseThrow().progress());
            assertEquals(new Sent(Progress.FAILED, Optional.of("EBMS:0301"), Optional.of("no receipt after 9 attempts")),
                    records.find(failed).orElseThrow());
            assertEquals(Optional.empty(), records.find("never-sent@test"));
        }
    }

    @Test
    void theFilesOfAMessageAreItsStoredPayloadsWhenReceivedAndItsPreparedBodyWhenSent() throws Exception {
        try (Database database = Database.open(temp.resolve("derby"))) {
            MessageLog log = new MessageLog(database);
            PayloadStore payloads = new PayloadStore(database, temp.resolve("payloads"));
            MessageRecords records = new MessageRecords(log, payloads);
            String received = TestMessages.newId("received");
            new DerbySink(log, payloads).accept(TestMessages.delivery(received, Files.createDirectories(temp.resolve("in"))),
                    "<receipt/>".getBytes(StandardCharsets.UTF_8));
            String sent = register(log, "sent");

            List<Path> files = records.receivedPayloads(received);
            assertEquals(2, files.size(), files.toString());
            assertTrue(files.stream().allMatch(Files::isRegularFile), "the stored copies, not the delivered ones: " + files);
            assertTrue(files.stream().allMatch(f -> f.startsWith(temp.resolve("payloads"))), files.toString());
            assertEquals(List.of(), records.receivedPayloads(sent), "a sent message has no received payloads");
            assertEquals(log.find(sent, Direction.OUTBOUND).orElseThrow().body().map(MimeBody::file),
                    records.preparedBody(sent));
            assertEquals(Optional.empty(), records.preparedBody(received), "a received message has no prepared body");
        }
    }

    private String register(MessageLog log, String what) throws Exception {
        String id = TestMessages.newId(what);
        log.registerOutbound(TestMessages.header(id), List.of(), TestMessages.body(temp, id));
        return id;
    }
}
