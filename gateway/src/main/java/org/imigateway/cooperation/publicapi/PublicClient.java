package org.imigateway.cooperation.publicapi;

import java.util.Optional;

/**
 * A client of the public interface (a national portal, a business's software): its name and how
 * it proves who it is — the SHA-256 of its API key, and/or its TLS certificate by SHA-256
 * fingerprint or subject.
 */
public record PublicClient(String name, Optional<byte[]> apiKeySha256, Optional<byte[]> certificateSha256,
        Optional<String> certificateSubject) {
}
