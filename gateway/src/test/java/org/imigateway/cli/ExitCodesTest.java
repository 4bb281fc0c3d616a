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
    void noCommandIsAUsageErrorThatListsTheCommands() {
        CommandRun none = CommandRun.run();
        assertEquals(ExitCodes.USAGE, none.exit(), none.err());
        assertTrue(none.err().contains("imi-gateway needs a command") && none.err().contains("serve"), none.err());
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

    /** The gateway's jar alone (as here: no sandbox on the test class path) names where they run from. */
    @Test
    void sandboxAndConformanceWithoutTheirJarsSayWhereTheyAreAndAreTwo() {
        CommandRun sandbox = CommandRun.run("sandbox", "--dir", dir.toString());
        assertEquals(ExitCodes.USAGE, sandbox.exit(), sandbox.out() + sandbox.err());
        assertTrue(sandbox.err().contains("imi-gateway sandbox is not in this jar") && sandbox.err().contains("bin/imi-gateway sandbox")
                && sandbox.err().contains("java -jar sandbox/target/imi-sandbox.jar"), sandbox.err());

        CommandRun conformance = CommandRun.run("conformance", "--help");
        assertEquals(ExitCodes.USAGE, conformance.exit(), conformance.out() + conformance.err());
        assertTrue(conformance.err().contains("java -jar conformance-tests/target/imi-conformance.jar"), conformance.err());

        CommandRun help = CommandRun.run("--help");
        assertEquals(ExitCodes.OK, help.exit(), help.err());
        assertTrue(help.out().contains("  sandbox") && help.out().contains("  conformance")
                && help.out().contains("(not in this jar)"), help.out());
    }
}
