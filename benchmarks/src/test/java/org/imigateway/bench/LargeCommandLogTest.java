package org.imigateway.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LargeCommandLogTest {

    @Test
    void theRunningTimeIsReadFromTheSendersOwnTimestamps(@TempDir Path dir) throws Exception {
        Path log = Files.writeString(dir.resolve("sender.log"), String.join("\n",
                "Starting the gateway of gw-a to send ...",
                "2026-12-04T16:54:15.206+0000 [main] INFO org.imigateway.Gateway - gateway 'gw-a' listening: [http://x]",
                "2026-12-04T16:54:35.240+0000 [main] INFO org.imigateway.store.MessageLog - OUTBOUND message m: new -> SEND_ENQUEUED",
                "ACKNOWLEDGED m after 1 attempt(s) -> ACKNOWLEDGED (stdout, no timestamp)",
                "2026-12-04T16:54:58.079+0000 [Camel] INFO org.imigateway.store.MessageLog - OUTBOUND message m: SEND_ENQUEUED -> ACKNOWLEDGED: ok",
                ""));
        assertEquals(42.873, LargeCommand.secondsBetween(log, "' listening", "-> ACKNOWLEDGED"), 1e-9);
        assertEquals(-1, LargeCommand.secondsBetween(log, "' listening", "-> SEND_FAILURE"));
    }
}
