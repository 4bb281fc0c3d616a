package org.imigateway.as4.inflow;

import java.util.List;
import java.util.Optional;

import org.imigateway.as4.As4Part;
import org.imigateway.connectors.MessageProperty;

/** A payload after decryption and decompression, with the MimeType and properties of its PartInfo. */
public record ReceivedPayload(As4Part part, String mimeType, Optional<String> characterSet,
        List<MessageProperty> properties) {

    public ReceivedPayload {
        properties = List.copyOf(properties);
    }
}
