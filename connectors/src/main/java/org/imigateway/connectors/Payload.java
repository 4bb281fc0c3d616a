package org.imigateway.connectors;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One payload of a message as a backend hands it over or receives it: the content lives in a
 * file so that large payloads never have to fit in memory.
 */
public record Payload(Path file, String mimeType, Optional<String> characterSet, List<MessageProperty> properties) {

    public Payload {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(characterSet, "characterSet");
        properties = List.copyOf(properties);
        if (mimeType.isBlank()) {
            throw new IllegalArgumentException("payload " + file + " has no MIME type");
        }
    }

    public static Payload of(Path file, String mimeType) {
        return new Payload(file, mimeType, Optional.empty(), List.of());
    }

    /** Size in bytes; fails when the file is gone, which is better than sending an empty part. */
    public long size() {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("payload file " + file + " cannot be read", e);
        }
    }
}
