package org.imigateway.as4;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * One MIME attachment of an AS4 message, spooled to a file. {@code contentId} is the bare id
 * that a PartInfo refers to as {@code cid:<contentId>}.
 */
public record As4Part(String contentId, String contentType, Map<String, String> headers, Path file)
        implements MimeWriter.Part {

    public As4Part {
        Objects.requireNonNull(contentId, "contentId");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(file, "file");
        headers = Map.copyOf(headers);
    }

    public String href() {
        return "cid:" + contentId;
    }

    /**
     * Buffered, as WSS4J's digest and cipher streams read in small pieces; mark and reset seek
     * in the file rather than keep the content in memory (see {@link FileContentStream}).
     */
    @Override
    public InputStream open() throws IOException {
        return new FileContentStream(file);
    }

    public long size() throws IOException {
        return Files.size(file);
    }

    public As4Part withContent(String newContentType, Path newFile) {
        return new As4Part(contentId, newContentType, headers, newFile);
    }

    /** Strips {@code cid:} and angle brackets, as both forms appear on the wire. */
    public static String bareContentId(String value) {
        String id = value.trim();
        if (id.regionMatches(true, 0, "cid:", 0, 4)) {
            id = id.substring(4);
        }
        if (id.startsWith("<") && id.endsWith(">")) {
            id = id.substring(1, id.length() - 1);
        }
        return java.net.URLDecoder.decode(id, java.nio.charset.StandardCharsets.UTF_8);
    }
}
