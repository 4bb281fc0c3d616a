package org.imigateway.testsupport.phase4;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One payload to send as a MIME attachment. Exactly one of {@code bytes} and {@code file} holds
 * the content. Compression is on by default, as the profile asks; part properties are extra
 * PartInfo properties besides the {@code MimeType}, {@code CharacterSet} and
 * {@code CompressionType} that phase4 writes itself.
 */
public record Phase4Payload(Optional<byte[]> bytes,
                            Optional<Path> file,
                            String mimeType,
                            Optional<Charset> charset,
                            boolean compress,
                            Map<String, String> partProperties,
                            Optional<String> contentId,
                            Optional<String> fileName) {

    public Phase4Payload {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(charset, "charset");
        Objects.requireNonNull(contentId, "contentId");
        Objects.requireNonNull(fileName, "fileName");
        if (bytes.isPresent() == file.isPresent()) {
            throw new IllegalArgumentException("A payload has either bytes or a file, not both nor neither");
        }
        partProperties = Collections.unmodifiableMap(new LinkedHashMap<>(partProperties));
    }

    public static Phase4Payload of(byte[] content, String mimeType) {
        return new Phase4Payload(Optional.of(content.clone()), Optional.empty(), mimeType,
                Optional.empty(), true, Map.of(), Optional.empty(), Optional.empty());
    }

    public static Phase4Payload ofFile(Path file, String mimeType) {
        return new Phase4Payload(Optional.empty(), Optional.of(file), mimeType,
                Optional.empty(), true, Map.of(), Optional.empty(), Optional.empty());
    }

    public Phase4Payload withCharset(Charset value) {
        return new Phase4Payload(bytes, file, mimeType, Optional.of(value), compress, partProperties, contentId, fileName);
    }

    public Phase4Payload withCompression(boolean value) {
        return new Phase4Payload(bytes, file, mimeType, charset, value, partProperties, contentId, fileName);
    }

    public Phase4Payload withContentId(String value) {
        return new Phase4Payload(bytes, file, mimeType, charset, compress, partProperties, Optional.of(value), fileName);
    }

    public Phase4Payload withPartProperty(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(partProperties);
        more.put(name, value);
        return new Phase4Payload(bytes, file, mimeType, charset, compress, more, contentId, fileName);
    }

    /** phase4 sends it as the part's {@code Content-Disposition: attachment; filename="..."}. */
    public Phase4Payload withFileName(String value) {
        return new Phase4Payload(bytes, file, mimeType, charset, compress, partProperties, contentId, Optional.of(value));
    }
}
