package org.imigateway.procedure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The procedures that come with the gateway, for a new home's {@code config/procedures/}:
 * professional qualifications (requests, alerts), services (requests, alerts, notifications),
 * posting of workers (requests, a repository of declarations filed also through the public
 * interface), SOLVIT complaints and European professional card applications (public interface).
 */
public final class ShippedProcedures {

    /** The folder of a home that holds procedures unless {@code procedures.dir} says otherwise. */
    public static final String FOLDER = "config/procedures";

    public static final List<String> FILES = List.of(
            "pq-request.xml", "pq-alert.xml",
            "services-request.xml", "services-alert.xml", "services-notification.xml",
            "posting-request.xml", "posting-declarations.xml",
            "solvit-complaints.xml", "professional-card.xml");

    private ShippedProcedures() {
    }

    /** Copies every shipped procedure file into {@code folder}, creating it. */
    public static void copyTo(Path folder) throws IOException {
        Files.createDirectories(folder);
        for (String file : FILES) {
            try (InputStream in = ShippedProcedures.class.getResourceAsStream("/procedures/" + file)) {
                if (in == null) {
                    throw new IOException("shipped procedure " + file + " is missing from the classpath");
                }
                Files.copy(in, folder.resolve(file));
            }
        }
    }
}
