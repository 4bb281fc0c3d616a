package org.imigateway.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.imigateway.TestNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The product has no switch that turns a check off: a home that still carries one of the old
 * test-only fault keys does not start, and the error names the key.
 */
class ServeRefusesTestSwitchesTest {

    @TempDir
    static Path dir;
    static Path home;

    @BeforeAll
    static void createHome() throws Exception {
        home = TestNetwork.create(dir, "gw-a").plan().home("gw-a");
    }

    @ParameterizedTest
    @ValueSource(strings = {"testing.fault.skipSignatureCheck=true", "testing.fault.unsignedReceipts=false",
            "testing.fault.deliverDuplicates=true", "testing.anythingElse=1"})
    void serveExitsNonZeroNamingTheTestingKey(String line) throws Exception {
        Path properties = home.resolve("config/gateway.properties");
        String original = Files.readString(properties, StandardCharsets.UTF_8);
        try {
            Files.writeString(properties, "\n" + line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

            CommandRun run = CommandRun.run("serve", "--home", home.toString());

            assertNotEquals(0, run.exit(), run.out() + run.err());
            String key = line.substring(0, line.indexOf('='));
            assertTrue(run.err().contains(key + " is not a setting of this gateway"), run.err());
            assertFalse(run.out().contains("receiving at"), run.out());
        } finally {
            Files.writeString(properties, original, StandardCharsets.UTF_8);
        }
    }

    @Test
    void theSameHomeWithoutTheKeyStarts() throws Exception {
        try (var gateway = org.imigateway.Gateway.start(home)) {
            assertFalse(gateway.endpoints().isEmpty(), "the gateway listens");
        }
    }
}
