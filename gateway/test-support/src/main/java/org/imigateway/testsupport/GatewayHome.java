package org.imigateway.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * The files of a gateway home that tests change before the gateway starts ({@code config/gateway.properties},
 * {@code config/pmodes/pmodes.xml}, the hub's directory), read and written as files: a test
 * adjusts a home made by {@code init} or the demo network the way an operator would.
 */
public final class GatewayHome {

    private final Path home;

    private GatewayHome(Path home) {
        this.home = home;
    }

    public static GatewayHome at(Path home) {
        return new GatewayHome(home);
    }

    public Path path() {
        return home;
    }

    public Path propertiesFile() {
        return home.resolve("config/gateway.properties");
    }

    public Path pmodesFile() {
        return home.resolve("config/pmodes/pmodes.xml");
    }

    /** Appends {@code key=value} lines to gateway.properties; a later line wins over an earlier one for the same key. */
    public GatewayHome appendProperties(String... lines) throws IOException {
        Files.writeString(propertiesFile(), "\n" + String.join("\n", lines) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        return this;
    }

    /** The value gateway.properties gives {@code key}; fails naming the key and the file when there is none. */
    public String property(String key) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(propertiesFile())) {
            properties.load(in);
        }
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalStateException(propertiesFile() + " sets no " + key);
        }
        return value;
    }

    /** The plain-HTTP AS4 endpoint on loopback that {@code http.port} gives. */
    public String as4Url() throws IOException {
        return "http://127.0.0.1:" + property("http.port") + "/as4";
    }

    /** Rewrites gateway.properties; fails when the edit changes nothing, so a stale pattern does not pass unnoticed. */
    public GatewayHome editProperties(UnaryOperator<String> edit) throws IOException {
        return edit(propertiesFile(), edit);
    }

    /** Rewrites the main PModes file; fails when the edit changes nothing. */
    public GatewayHome editPModes(UnaryOperator<String> edit) throws IOException {
        return edit(pmodesFile(), edit);
    }

    /** Rewrites a file below the home's {@code config/} folder; fails when the edit changes nothing. */
    public GatewayHome editConfig(String relative, UnaryOperator<String> edit) throws IOException {
        return edit(home.resolve("config").resolve(relative), edit);
    }

    /** Adds a leg (the XML of one {@code <leg>} element) to the main PModes file. */
    public GatewayHome addLeg(String legXml) throws IOException {
        return editPModes(xml -> xml.replace("</pmodes>", legXml + "\n</pmodes>"));
    }

    /** Writes a file below the home's {@code config/} folder (a directory file, an extra PModes file). */
    public GatewayHome writeConfig(String relative, String content) throws IOException {
        Path file = home.resolve("config").resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return this;
    }

    private GatewayHome edit(Path file, UnaryOperator<String> edit) throws IOException {
        String before = Files.readString(file, StandardCharsets.UTF_8);
        String after = edit.apply(before);
        if (after.equals(before)) {
            throw new IllegalStateException("the edit left " + file + " as it was");
        }
        Files.writeString(file, after, StandardCharsets.UTF_8);
        return this;
    }
}
