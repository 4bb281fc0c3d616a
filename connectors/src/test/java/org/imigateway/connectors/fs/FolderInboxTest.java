package org.imigateway.connectors.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.imigateway.connectors.Delivery;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.connectors.Payload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one writer of delivered messages, for the default inbox and for a folder backend alike. */
class FolderInboxTest {

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(Files.createDirectories(dir.resolve("source")).resolve(name), text,
                StandardCharsets.UTF_8);
    }

    /** A delivery with every field set, and values an XML or file-name writer could get wrong. */
    private Delivery full(String messageId) throws IOException {
        return new Delivery(messageId, " conv <&> \"1\"\n\t2 ", Optional.of("ref-1@gw-a"),
                Instant.parse("2026-12-03T10:15:30.123456789Z"), "gw-a", "gw-b",
                "urn:imigateway:demo:exchange", Optional.of("urn:imigateway:service"), "Deliver",
                List.of(MessageProperty.of("originalSender", "urn:authority:a"),
                        MessageProperty.typed("finalRecipient", "urn:authority:b", "urn:imi:authority"),
                        MessageProperty.of("note", "  Ārsta diploma <b>&amp;</b>  "),
                        MessageProperty.of("lines", "one\r\ntwo\rthree\n\tfour")),
                List.of(new Payload(file("request.xml", "<request>ā</request>"), "application/xml",
                                Optional.of("UTF-8"), List.of(MessageProperty.of("DocumentType", "Request"),
                                        MessageProperty.typed("lang", "lv", "urn:t"))),
                        Payload.of(file("scan.pdf", "%PDF-1.7 binary"), "application/pdf")));
    }

    private static Delivery minimal(String messageId, Path payload) {
        return new Delivery(messageId, "conv", Optional.empty(), Instant.parse("2026-12-03T10:15:30Z"), "gw-a", "gw-b",
                "urn:s", Optional.empty(), "Deliver", List.of(), List.of(Payload.of(payload, "text/plain")));
    }

    private static Delivery carrying(String messageId, List<Payload> payloads) {
        return new Delivery(messageId, "conv", Optional.empty(), Instant.parse("2026-12-03T10:15:30Z"), "gw-a", "gw-b",
                "urn:s", Optional.empty(), "Deliver", List.of(), payloads);
    }

    private static Payload named(Path file, String fileName) {
        return new Payload(file, "text/plain", Optional.empty(), List.of(MessageProperty.of("FileName", fileName)));
    }

    @Test
    void aPayloadIsDeliveredUnderItsSanitisedFileNameWithNonAsciiLettersKept() throws IOException {
        FolderInbox inbox = new FolderInbox(dir.resolve("root"));
        Delivery message = carrying("named@gw-a", List.of(named(file("one", "1"), "../../reports/Kaķis ž.xml"),
                named(file("two", "2"), "a\\b\r\nc.txt"), Payload.of(file("three", "3"), "text/plain")));

        inbox.deliver(message);

        Path folder = inbox.folderOf("named@gw-a");
        assertEquals("1", Files.readString(folder.resolve("Kaķis ž.xml"), StandardCharsets.UTF_8));
        assertEquals("2", Files.readString(folder.resolve("bc.txt"), StandardCharsets.UTF_8));
        assertEquals("3", Files.readString(folder.resolve("payload-3"), StandardCharsets.UTF_8));
        assertEquals(List.of(folder.resolve("Kaķis ž.xml"), folder.resolve("bc.txt"), folder.resolve("payload-3")),
                FolderInbox.read(folder).payloads().stream().map(Payload::file).toList());
    }

    @Test
    void aFileNameThatIsTakenOrIsTheMetadataFileFallsBackToThePayloadNumber() throws IOException {
        FolderInbox inbox = new FolderInbox(dir.resolve("root"));
        Delivery message = carrying("clash@gw-a", List.of(named(file("one", "1"), "metadata.xml"),
                named(file("two", "2"), "same.txt"), named(file("three", "3"), "same.txt"),
                named(file("four", "4"), "payload-3")));

        inbox.deliver(message);

        Path folder = inbox.folderOf("clash@gw-a");
        assertEquals(List.of("payload-1", "same.txt", "payload-3", "payload-4"),
                FolderInbox.read(folder).payloads().stream().map(p -> p.file().getFileName().toString()).toList());
        assertEquals("4", Files.readString(folder.resolve("payload-4"), StandardCharsets.UTF_8));
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }

    /** Every file under {@code root} by its relative path, with its bytes. */
    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> tree = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                tree.put(root.relativize(f).toString(), Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        return tree;
    }

    @Test
    void everyEbmsValuePropertyAndPartPropertyRoundTripsThroughTheFolder() throws Exception {
        FolderInbox inbox = new FolderInbox(dir.resolve("data"));
        Delivery sent = full("msg-1@gw-a");
        inbox.deliver(sent);

        Path folder = inbox.folderOf("msg-1@gw-a");
        assertEquals(List.of(folder.resolve("metadata.xml"), folder.resolve("payload-1"), folder.resolve("payload-2")),
                list(folder));
        Delivery read = FolderInbox.read(folder);
        List<Payload> expected = new ArrayList<>();
        for (int i = 0; i < sent.payloads().size(); i++) {
            Payload p = sent.payloads().get(i);
            expected.add(new Payload(folder.resolve("payload-" + (i + 1)), p.mimeType(), p.characterSet(), p.properties()));
            assertArrayEquals(Files.readAllBytes(p.file()), Files.readAllBytes(read.payloads().get(i).file()));
        }
        assertEquals(new Delivery(sent.messageId(), sent.conversationId(), sent.refToMessageId(), sent.timestamp(),
                sent.fromPartyId(), sent.toPartyId(), sent.service(), sent.serviceType(), sent.action(),
                sent.properties(), expected), read);
    }

    @Test
    void absentOptionalValuesStayAbsent() throws Exception {
        FolderInbox inbox = new FolderInbox(dir.resolve("data"));
        inbox.deliver(minimal("m-2", file("a.txt", "a")));

        Delivery read = FolderInbox.read(inbox.folderOf("m-2"));
        assertEquals(Optional.empty(), read.refToMessageId());
        assertEquals(Optional.empty(), read.serviceType());
        assertEquals(Optional.empty(), read.payloads().get(0).characterSet());
        assertEquals(List.of(), read.properties());
    }

    @Test
    void theSameMessageDeliveredTwiceIsWrittenOnceAndTheFirstCopyStays() throws Exception {
        FolderInbox inbox = new FolderInbox(dir.resolve("data"));
        Path payload = file("a.txt", "first");
        inbox.deliver(minimal("m-1", payload));
        Files.writeString(payload, "second");
        inbox.deliver(minimal("m-1", payload));

        assertEquals(List.of(inbox.folderOf("m-1")), inbox.messages());
        assertEquals("first", Files.readString(inbox.folderOf("m-1").resolve("payload-1")));
        assertEquals(List.of(), list(dir.resolve("data").resolve(FolderInbox.STAGING)), "nothing left in staging");
    }

    @Test
    void concurrentHandOffsOfOneMessageLeaveOneWholeFolderAndNoError() throws Exception {
        FolderInbox inbox = new FolderInbox(dir.resolve("data"));
        Delivery delivery = full("m-race");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                done.add(threads.submit((Callable<Void>) () -> {
                    start.await();
                    inbox.deliver(delivery);
                    return null;
                }));
            }
            start.countDown();
            for (Future<Void> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(List.of(inbox.folderOf("m-race")), inbox.messages());
        assertEquals("m-race", FolderInbox.read(inbox.folderOf("m-race")).messageId());
        assertEquals(List.of(), list(dir.resolve("data").resolve(FolderInbox.STAGING)));
    }

    @Test
    void aMessageHalfWrittenWhenTheProcessDiedIsNeverInTheInboxAndIsClearedAtTheNextStart() throws Exception {
        Path root = dir.resolve("data");
        FolderInbox before = new FolderInbox(root);
        // What a crash between the payload copy and the rename leaves: a staging folder without metadata.
        Path half = Files.createDirectories(root.resolve(FolderInbox.STAGING).resolve("msg-4711"));
        Files.writeString(half.resolve("payload-1"), "half a payl");
        assertEquals(List.of(), before.messages(), "a staged message is not in the inbox");

        FolderInbox after = new FolderInbox(root);
        assertEquals(List.of(), list(root.resolve(FolderInbox.STAGING)), "staging emptied when the inbox opens");
        after.deliver(minimal("m-3", file("a.txt", "whole payload")));
        assertEquals("whole payload", Files.readString(after.folderOf("m-3").resolve("payload-1")));
    }

    @Test
    void aDeliveryThatFailsHalfWayLeavesNoFolderAndNoStagingBehind() throws Exception {
        Path root = dir.resolve("data");
        FolderInbox inbox = new FolderInbox(root);
        Path present = file("a.txt", "a");
        Delivery broken = new Delivery("m-4", "conv", Optional.empty(), Instant.now(), "gw-a", "gw-b", "urn:s",
                Optional.empty(), "Deliver", List.of(),
                List.of(Payload.of(present, "text/plain"), Payload.of(dir.resolve("gone.bin"), "application/pdf")));

        assertThrows(IOException.class, () -> inbox.deliver(broken));
        assertFalse(Files.exists(inbox.folderOf("m-4")), "no half message in the inbox");
        assertEquals(List.of(), list(root.resolve(FolderInbox.STAGING)));
    }

    @Test
    void aFolderBackendAndTheDefaultInboxWriteTheSameLayoutForTheSameDelivery() throws Exception {
        Delivery delivery = full("msg-same@gw-a");
        FolderInbox defaultInbox = new FolderInbox(dir.resolve("data"));
        defaultInbox.deliver(delivery);
        Path backendRoot = dir.resolve("backend");
        try (FolderConnector backend = new FolderConnector("files", backendRoot, Duration.ofSeconds(1))) {
            backend.deliver(delivery);
            assertEquals(backendRoot.resolve("inbox"), backend.inbox());
        }

        Map<String, String> backendInbox = tree(backendRoot.resolve("inbox"));
        assertEquals(tree(defaultInbox.folder()), backendInbox);
        String name = FolderInbox.folderName("msg-same@gw-a");
        assertEquals(List.of(name + "/metadata.xml", name + "/payload-1", name + "/payload-2"),
                List.copyOf(backendInbox.keySet()).stream().map(k -> k.replace('\\', '/')).toList());
    }

    @Test
    void folderNamesAreFixedLengthHexThatNoMessageIdCanChooseOrMergeByCase() {
        String name = FolderInbox.folderName("Msg-1@gw-a");
        assertTrue(name.matches("[0-9a-f]{32}"), name);
        assertNotEquals(name, FolderInbox.folderName("msg-1@gw-a"), "ids differing in case stay apart");
        assertNotEquals(name, FolderInbox.folderName(name), "an id shaped like a folder name gets its own");
        assertTrue(FolderInbox.folderName("../../etc/passwd").matches("[0-9a-f]{32}"));
    }

    @Test
    void readingRefusesAPayloadFileOutsideTheMessageFolder() throws Exception {
        FolderInbox inbox = new FolderInbox(dir.resolve("data"));
        inbox.deliver(minimal("m-5", file("a.txt", "a")));
        Path metadata = inbox.folderOf("m-5").resolve("metadata.xml");
        Files.writeString(metadata, Files.readString(metadata).replace("file=\"payload-1\"", "file=\"../x\""));

        IOException e = assertThrows(IOException.class, () -> FolderInbox.read(inbox.folderOf("m-5")));
        assertTrue(e.getMessage().contains("'../x' is not a file of the message folder"), e.getMessage());
    }
}
