package org.imigateway.conformance.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a received multipart/related body into the SOAP root part and the attachments
 * (SOAP with Attachments). Small and strict: the suite reads what a target sends it, and says
 * what it could not read.
 */
public final class MimeParts {

    private static final Pattern PARAMETER = Pattern.compile(";\\s*([A-Za-z-]+)\\s*=\\s*(\"([^\"]*)\"|[^;\\s]+)");

    /** The root SOAP part's bytes and the attachments. */
    public record Split(byte[] soap, List<Part> attachments) {
    }

    private MimeParts() {
    }

    public static Split split(String contentType, byte[] body) throws MalformedMime {
        if (contentType.toLowerCase(Locale.ROOT).startsWith("application/soap+xml")) {
            return new Split(body, List.of());
        }
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("multipart/related")) {
            throw new MalformedMime("Content-Type is '" + contentType + "', not multipart/related or application/soap+xml");
        }
        String boundary = parameter(contentType, "boundary")
                .orElseThrow(() -> new MalformedMime("Content-Type '" + contentType + "' has no boundary"));
        Optional<String> start = parameter(contentType, "start").map(Part::bare);
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary;
        int at = text.indexOf(delimiter);
        if (at < 0) {
            throw new MalformedMime("the body holds no boundary '" + boundary + "'");
        }
        List<Part> parts = new ArrayList<>();
        while (true) {
            int lineEnd = text.indexOf("\r\n", at);
            if (text.startsWith(delimiter + "--", at) || lineEnd < 0) {
                break;
            }
            int headersEnd = text.indexOf("\r\n\r\n", lineEnd);
            int next = text.indexOf("\r\n" + delimiter, headersEnd);
            if (headersEnd < 0 || next < 0) {
                throw new MalformedMime("MIME part " + (parts.size() + 1) + " is not terminated by a boundary");
            }
            Map<String, String> headers = headers(text.substring(lineEnd + 2, headersEnd));
            byte[] content = text.substring(headersEnd + 4, next).getBytes(StandardCharsets.ISO_8859_1);
            String id = Part.bare(header(headers, "Content-ID").orElse("part-" + (parts.size() + 1)));
            parts.add(new Part(id, header(headers, "Content-Type").orElse("application/octet-stream"), headers, content));
            at = next + 2;
        }
        if (parts.isEmpty()) {
            throw new MalformedMime("the multipart body has no parts");
        }
        int root = 0;
        if (start.isPresent()) {
            root = -1;
            for (int i = 0; i < parts.size(); i++) {
                if (parts.get(i).contentId().equals(start.get())) {
                    root = i;
                }
            }
            if (root < 0) {
                throw new MalformedMime("no MIME part has the Content-ID <" + start.get() + "> that start names");
            }
        }
        List<Part> attachments = new ArrayList<>(parts);
        Part soap = attachments.remove(root);
        return new Split(soap.bytes(), attachments);
    }

    private static Optional<String> parameter(String contentType, String name) {
        Matcher m = PARAMETER.matcher(contentType);
        while (m.find()) {
            if (m.group(1).equalsIgnoreCase(name)) {
                return Optional.of(m.group(3) != null ? m.group(3) : m.group(2));
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> headers(String block) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : block.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        return headers;
    }

    private static Optional<String> header(Map<String, String> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
    }

    /** The body is not the MIME the suite expected; the message says where. */
    public static final class MalformedMime extends Exception {
        public MalformedMime(String message) {
            super(message);
        }
    }
}
