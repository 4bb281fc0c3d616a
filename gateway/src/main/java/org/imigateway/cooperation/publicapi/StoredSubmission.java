package org.imigateway.cooperation.publicapi;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import org.imigateway.schemas.imi.ImiDocumentType;

/** One accepted public submission as the hub keeps it: who filed what, where it goes, and how far it got. */
public record StoredSubmission(String trackingId, String client, ImiDocumentType type, String procedure, String country,
        Optional<String> region, String authority, String accessPoint, String messageId, Path payload, long size,
        String sha256, Instant received, Optional<Instant> forwarded, Optional<String> failure) {
}
