package org.imigateway.conformance.wire;

import java.util.List;
import java.util.Optional;

/**
 * One payload of a message to compose, with the ways a case may deviate from the profile:
 * no MimeType part property, a CharacterSet, a damaged gzip stream, or a PartInfo that points
 * to a URL instead of a MIME part (a "hyperlink" payload).
 */
public record PayloadSpec(byte[] content, String mimeType, boolean compress, boolean declareMimeType,
        Optional<String> characterSet, boolean damageGzip, Optional<String> hyperlink, List<Property> partProperties) {

    public PayloadSpec {
        partProperties = List.copyOf(partProperties);
    }

    public static PayloadSpec of(byte[] content, String mimeType) {
        return new PayloadSpec(content, mimeType, true, true, Optional.empty(), false, Optional.empty(), List.of());
    }

    public PayloadSpec uncompressed() {
        return new PayloadSpec(content, mimeType, false, declareMimeType, characterSet, damageGzip, hyperlink, partProperties);
    }

    public PayloadSpec withoutMimeType() {
        return new PayloadSpec(content, mimeType, compress, false, characterSet, damageGzip, hyperlink, partProperties);
    }

    public PayloadSpec characterSet(String value) {
        return new PayloadSpec(content, mimeType, compress, declareMimeType, Optional.of(value), damageGzip, hyperlink,
                partProperties);
    }

    public PayloadSpec damagedGzip() {
        return new PayloadSpec(content, mimeType, true, declareMimeType, characterSet, true, hyperlink, partProperties);
    }

    public PayloadSpec hyperlink(String url) {
        return new PayloadSpec(content, mimeType, compress, declareMimeType, characterSet, damageGzip, Optional.of(url),
                partProperties);
    }

    public PayloadSpec partProperty(Property property) {
        List<Property> more = new java.util.ArrayList<>(partProperties);
        more.add(property);
        return new PayloadSpec(content, mimeType, compress, declareMimeType, characterSet, damageGzip, hyperlink, more);
    }
}
