package org.imigateway.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The prepared (signed, encrypted) MIME body of an outbound message and its Content-Type: a
 * retry POSTs these very bytes, so a receiver's receipt for a duplicate still matches them.
 */
public record MimeBody(Path file, String contentType) {

    public MimeBody {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(contentType, "contentType");
    }
}
