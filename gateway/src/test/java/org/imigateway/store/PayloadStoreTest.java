package org.imigateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(TestStore.class)
class PayloadStoreTest {

    @Parameter
    TestStore store;


    @TempDir
    Path temp;

    @Test
    void startUpDeletesOrphansAndMovesCommittedFilesIntoPlace() throws Exception {
        DatabaseSettings folder = store.fresh(temp);
        Path root = temp.resolve("payloads");
        String id = TestMessages.newId("crash");
        Path orphan;
        try (Database database = Database.open(folder)) {
            PayloadStore payloads = new PayloadStore(database, root);
            new DerbySink(new MessageLog(database), payloads).accept(TestMessages.delivery(id, temp),
                    TestMessages.receipt(id));
            // A crash after the commit, before the move: put the committed file back in incoming/.
            StoredPayload committed = payloads.payloads(id, Direction.INBOUND).get(0);
            Files.move(payloads.file(committed), payloads.incomingFolder().resolve(committed.storageName()));
            // A crash before the commit: a staged file no row names.
            try (InputStream content = new ByteArrayInputStream("half a message".getBytes())) {
                orphan = payloads.stage(content).file();
            }
        }
        try (Database database = Database.open(folder)) {
            PayloadStore payloads = new PayloadStore(database, root);

            assertEquals(1, payloads.recover());

            assertFalse(Files.exists(orphan));
            try (InputStream content = payloads.open(id, Direction.INBOUND, 1)) {
                assertEquals("<request id=\"" + id + "\"/>", new String(content.readAllBytes()));
            }
            assertEquals(List.of(), Files.list(payloads.incomingFolder()).toList());
        }
    }

    @Test
    void aDigestTakenByTheWriterIsKeptWhenTheSizeMatchesAndRecomputedOtherwise() throws Exception {
        try (Database database = store.open(temp)) {
            PayloadStore payloads = new PayloadStore(database, temp.resolve("payloads"));
            Path work = Files.createTempDirectory(temp, "work-");
            String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
            // not abc's: kept as told shows the file was not read again
            String told = "f".repeat(64);

            PayloadStore.Staged kept = payloads.stage(Files.writeString(work.resolve("told"), "abc"),
                    Optional.of(new FileDigest(3, told)));
            PayloadStore.Staged wrongSize = payloads.stage(Files.writeString(work.resolve("wrong-size"), "abc"),
                    Optional.of(new FileDigest(4, told)));

            assertEquals(new FileDigest(3, told), new FileDigest(kept.size(), kept.sha256()));
            assertEquals(new FileDigest(3, abc), new FileDigest(wrongSize.size(), wrongSize.sha256()),
                    "a digest that cannot be of this file is not taken");
            assertEquals("abc", Files.readString(kept.file()));
        }
    }

    @Test
    void aFileOnTheSameFileSystemIsMovedInNotCopied() throws Exception {
        try (Database database = store.open(temp)) {
            PayloadStore payloads = new PayloadStore(database, temp.resolve("payloads"));
            Path source = Files.writeString(Files.createTempDirectory(temp, "work-").resolve("payload"), "abc");
            Object inode = Files.readAttributes(source, java.nio.file.attribute.BasicFileAttributes.class).fileKey();

            PayloadStore.Staged staged = payloads.stage(source, Optional.empty());

            assertFalse(Files.exists(source), "taken over");
            assertEquals(3, staged.size());
            assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", staged.sha256());
            assertEquals(payloads.incomingFolder(), staged.file().getParent());
            if (inode != null) {
                assertEquals(inode, Files.readAttributes(staged.file(), java.nio.file.attribute.BasicFileAttributes.class)
                        .fileKey(), "the same file, renamed");
            }
        }
    }

    @Test
    void sizeAndDigestAreMeasuredWhileCopying() throws Exception {
        try (Database database = store.open(temp)) {
            PayloadStore payloads = new PayloadStore(database, temp.resolve("payloads"));
            PayloadStore.Staged staged;
            try (InputStream content = new ByteArrayInputStream("abc".getBytes())) {
                staged = payloads.stage(content);
            }
            assertEquals(3, staged.size());
            // FIPS 180-2, appendix B.1: SHA-256("abc").
            assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", staged.sha256());
            assertThrows(NoSuchFileException.class, () -> payloads.open("nobody@x", Direction.INBOUND, 1));
        }
    }
}
