package org.imigateway.as4.inflow;

import java.util.List;
import java.util.Optional;

import org.imigateway.as4.As4Part;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.store.FileDigest;

/**
 * A payload after decryption and decompression, with the MimeType and properties of its PartInfo,
 * and the size and SHA-256 of its file when they were taken as it was written (decompressed).
 */
public record ReceivedPayload(As4Part part, String mimeType, Optional<String> characterSet,
        List<MessageProperty> properties, Optional<FileDigest> digest) {

    public ReceivedPayload {
        properties = List.copyOf(properties);
    }
}
