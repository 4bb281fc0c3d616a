package org.imigateway.conformance.wire;

import java.util.LinkedHashMap;
import java.util.Map;

/** One MIME attachment as it goes on the wire: Content-ID (without brackets), type, extra headers, bytes. */
public record Part(String contentId, String contentType, Map<String, String> headers, byte[] bytes) {

    public Part {
        headers = Map.copyOf(headers);
    }

    public Part withBytes(byte[] changed) {
        return new Part(contentId, contentType, headers, changed);
    }

    public Part with(String type, Map<String, String> extra, byte[] changed) {
        return new Part(contentId, type, new LinkedHashMap<>(extra), changed);
    }

    public static String bare(String contentId) {
        String id = contentId.trim();
        if (id.startsWith("cid:")) {
            id = id.substring(4);
        }
        if (id.startsWith("<") && id.endsWith(">")) {
            id = id.substring(1, id.length() - 1);
        }
        return id;
    }
}
