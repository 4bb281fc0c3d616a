package org.imigateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.imigateway.demo.DemoNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class DirectorySearchCommandTest {

    @TempDir
    Path home;

    @Test
    void searchFindsTheSpelledOutUmlautAndNarrowsByCountry() throws Exception {
        DemoNetwork.createHome(home, "hub");
        Files.createDirectories(home.resolve("config/directory"));
        Files.writeString(home.resolve("config/directory/test.xml"), """
                <directory xmlns="urn:imigateway:imi:directory:1">
                  <authority id="DE-AEK-HAMBURG" country="DE"><name lang="de">Aerztekammer Hamburg</name><accessPoint>hub</accessPoint>
                    <grant policyArea="professional-qualifications"><procedure>pq-request</procedure></grant></authority>
                  <authority id="AT-OEAK" country="AT"><name lang="de">Österreichische Ärztekammer</name><accessPoint>hub</accessPoint></authority>
                  <authority id="LV-VI" country="LV"><name lang="lv">Veselības inspekcija</name><accessPoint>hub</accessPoint></authority>
                </directory>
                """, StandardCharsets.UTF_8);

        String found = run("directory", "search", "--home", home.toString(), "Ärztekammer");
        String german = run("directory", "search", "--home", home.toString(), "--country", "DE", "ärztekammer");
        String latvian = run("directory", "search", "--home", home.toString(), "veselibas");

        assertTrue(found.contains("DE-AEK-HAMBURG") && found.contains("AT-OEAK"), found);
        assertTrue(found.contains("2 authorities found"), found);
        assertTrue(german.contains("DE-AEK-HAMBURG") && !german.contains("AT-OEAK"), german);
        assertTrue(latvian.contains("LV-VI") && latvian.contains("Veselības inspekcija"), latvian);
        assertFalse(latvian.contains("DE-AEK-HAMBURG"), latvian);
    }

    private static String run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            assertEquals(0, new CommandLine(new ImiGatewayCommand()).execute(args));
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
