package org.imigateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exit codes README and docs/operations.md list, one case per code that needs no running
 * gateway; UNREACHABLE against a port nothing listens on is pinned by
 * {@code RemoteSendCommandTest.clearErrorsForUnknownIdsBadFilesAnotherServerAndNoServer}, by
 * {@code RemoteJmxHijackTest} (remote JMX of another server) and by {@code MessagesCommandTest}.
 */
class ExitCodesTest {

    @TempDir
    Path dir;

    @Test
    void okIsZero() {
        CommandRun run = CommandRun.run("--version");
        assertEquals(ExitCodes.OK, run.exit(), run.err());
        assertTrue(run.out().startsWith("IMI Gateway "), run.out());
    }

    @Test
    void usageErrorsAreTwo() {
        assertEquals(ExitCodes.USAGE, CommandRun.run("send", "--no-such-option").exit(), "unknown option (picocli)");
        CommandRun badName = CommandRun.run("token", "--operator", "not a name", "--out", dir.resolve("t").toString());
        assertEquals(ExitCodes.USAGE, badName.exit(), badName.err());
        CommandRun noReceiver = CommandRun.run("send", "--home", dir.toString(), "--file", "x");
        assertEquals(ExitCodes.USAGE, noReceiver.exit(), noReceiver.err());
        assertTrue(noReceiver.err().contains("--to PARTY or --participant"), noReceiver.err());
    }

    @Test
    void refusalsAreThree() throws Exception {
        Path existing = Files.writeString(dir.resolve("existing.token"), "x");
        CommandRun overwrite = CommandRun.run("token", "--operator", "alice", "--out", existing.toString());
        assertEquals(ExitCodes.REFUSED, overwrite.exit(), overwrite.err());
        assertTrue(overwrite.err().contains("never written over another"), overwrite.err());

        // A folder that is not a gateway home: the configuration error names the file, exit 3 (was 1).
        CommandRun notAHome = CommandRun.run("status", "--home", dir.resolve("nowhere").toString());
        assertEquals(ExitCodes.REFUSED, notAHome.exit(), notAHome.out() + notAHome.err());
        assertTrue(notAHome.err().contains("gateway.properties"), notAHome.err());
    }
}
