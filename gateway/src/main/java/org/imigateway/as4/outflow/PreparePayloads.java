package org.imigateway.as4.outflow;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.imigateway.as4.As4Part;
import org.imigateway.as4.Namespaces;
import org.imigateway.as4.WorkFolders;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.connectors.Payload;

/**
 * Gives each payload a Content-ID and its PartProperties (MimeType, CharacterSet, the
 * backend's own properties) and, when the leg compresses, gzips it and adds
 * {@code CompressionType=application/gzip}. Compression comes first: AS4 compresses, then
 * signs, then encrypts. Stretches that do not compress are stored, not searched ({@link AdaptiveGzip}).
 */
public final class PreparePayloads {

    public void prepare(OutboundMessage message) throws IOException {
        for (Payload payload : message.submission().payloads()) {
            String contentId = "part-" + UUID.randomUUID() + "@imigateway";
            List<MessageProperty> properties = new ArrayList<>();
            properties.add(MessageProperty.of(Namespaces.PART_PROPERTY_MIME_TYPE, payload.mimeType()));
            payload.characterSet().ifPresent(cs -> properties.add(MessageProperty.of(Namespaces.PART_PROPERTY_CHARACTER_SET, cs)));
            for (MessageProperty p : payload.properties()) {
                if (!isReserved(p.name())) {
                    properties.add(p);
                }
            }
            As4Part part;
            if (message.leg().compress()) {
                Path gz = Files.createTempFile(message.workDir(), "gz-", ".bin");
                try (InputStream in = Files.newInputStream(payload.file());
                        OutputStream out = AdaptiveGzip.to(WorkFolders.openCreated(gz))) {
                    in.transferTo(out);
                }
                properties.add(MessageProperty.of(Namespaces.PART_PROPERTY_COMPRESSION_TYPE, Namespaces.GZIP_MIME_TYPE));
                part = new As4Part(contentId, Namespaces.GZIP_MIME_TYPE, Map.of(), gz);
            } else {
                part = new As4Part(contentId, payload.mimeType(), Map.of(), payload.file());
            }
            message.parts().add(new OutboundMessage.OutboundPart(part, properties));
        }
    }

    private static boolean isReserved(String name) {
        return name.equals(Namespaces.PART_PROPERTY_MIME_TYPE) || name.equals(Namespaces.PART_PROPERTY_CHARACTER_SET)
                || name.equals(Namespaces.PART_PROPERTY_COMPRESSION_TYPE);
    }
}
