package org.imigateway.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;

/**
 * The jar we ship carries no way to switch a check off: none of the broken steps the self-test
 * uses ({@link FaultyGateway}) and no class that reads a {@code testing.fault} setting.
 */
class ShippedJarHasNoFaultTest {

    private static final Path JAR = Path.of("..", "gateway", "target", "imi-gateway.jar").toAbsolutePath().normalize();

    @Test
    void noClassOfTheShippedJarIsAFaultOrReadsAFaultSetting() throws Exception {
        List<String> classes = new ArrayList<>();
        List<String> offending = new ArrayList<>();
        byte[] marker = "testing.fault".getBytes(StandardCharsets.UTF_8);
        try (JarFile jar = new JarFile(JAR.toFile())) {
            for (JarEntry entry : java.util.Collections.list(jar.entries())) {
                if (!entry.getName().endsWith(".class")) {
                    continue;
                }
                classes.add(entry.getName());
                String simpleName = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
                byte[] bytes = jar.getInputStream(entry).readAllBytes();
                if (simpleName.matches("(IgnoreSignature|DeliverAgain|ConformanceFaults).*") || contains(bytes, marker)) {
                    offending.add(entry.getName());
                }
            }
        }
        assertTrue(classes.size() > 300, "the jar was read: " + classes.size() + " classes");
        assertEquals(List.of(), offending);
    }

    private static boolean contains(byte[] bytes, byte[] marker) {
        outer:
        for (int i = 0; i + marker.length <= bytes.length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (bytes[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
