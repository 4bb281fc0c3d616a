package org.imigateway.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayHomeTest {

    @TempDir
    Path dir;
    GatewayHome home;

    @BeforeEach
    void writeHome() throws Exception {
        Files.createDirectories(dir.resolve("config/pmodes"));
        Files.writeString(dir.resolve("config/gateway.properties"), "http.port=8080\nsend.timeoutSeconds=60");
        Files.writeString(dir.resolve("config/pmodes/pmodes.xml"), "<pmodes>\n</pmodes>\n");
        home = GatewayHome.at(dir);
    }

    @Test
    void anAppendedPropertyWinsOverTheEarlierLineAndGivesTheAs4Url() throws Exception {
        home.appendProperties("http.port=9090");
        assertEquals("9090", home.property("http.port"));
        assertEquals("http://127.0.0.1:9090/as4", home.as4Url());
        assertEquals("60", home.property("send.timeoutSeconds"), "the last line before the appended ones is intact");
    }

    @Test
    void aMissingPropertyIsNamed() {
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> home.property("https.port"));
        assertTrue(missing.getMessage().contains("https.port"), missing.getMessage());
    }

    @Test
    void anEditThatChangesNothingFailsNamingTheFile() throws Exception {
        IllegalStateException stale = assertThrows(IllegalStateException.class,
                () -> home.editPModes(xml -> xml.replace("<leg id=\"gone\"/>", "")));
        assertTrue(stale.getMessage().contains("pmodes.xml"), stale.getMessage());

        home.addLeg("<leg id=\"extra\"/>");
        assertEquals("<pmodes>\n<leg id=\"extra\"/>\n</pmodes>\n", Files.readString(home.pmodesFile()));
    }
}
