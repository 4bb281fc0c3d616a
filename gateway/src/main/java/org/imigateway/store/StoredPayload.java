package org.imigateway.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.imigateway.connectors.MessageProperty;

/**
 * What the payload table says about one payload: its place in the message (from 1), how to
 * read it, its size and SHA-256 (hex) as measured while it was stored, and the name of its file
 * in the {@link PayloadStore}.
 */
public record StoredPayload(
        int index,
        String mimeType,
        Optional<String> characterSet,
        List<MessageProperty> properties,
        long size,
        String sha256,
        String storageName) {

    public StoredPayload {
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(characterSet, "characterSet");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(storageName, "storageName");
        properties = List.copyOf(properties);
    }
}
