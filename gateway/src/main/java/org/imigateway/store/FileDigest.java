package org.imigateway.store;

import java.util.Objects;

/**
 * The size and SHA-256 (lowercase hex) of a payload file, taken by whoever wrote it, so that the
 * payload store need not read a large file again to find them.
 */
public record FileDigest(long size, String sha256) {

    public FileDigest {
        Objects.requireNonNull(sha256, "sha256");
        if (size < 0) {
            throw new IllegalArgumentException("size " + size);
        }
    }
}
