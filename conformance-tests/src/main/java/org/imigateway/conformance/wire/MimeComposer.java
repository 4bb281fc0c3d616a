package org.imigateway.conformance.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes multipart/related (SOAP with Attachments): the SOAP envelope as root part, then each
 * attachment in binary transfer encoding. Returns the body and its Content-Type header.
 */
final class MimeComposer {

    record Mime(String contentType, byte[] body) {
    }

    private MimeComposer() {
    }

    static Mime write(byte[] soap, List<Part> parts) {
        String boundary = "MIMEBoundary_" + UUID.randomUUID().toString().replace("-", "");
        String rootId = "root." + UUID.randomUUID() + "@conformance";
        String contentType = "multipart/related; boundary=\"" + boundary + "\"; type=\"application/soap+xml\"; start=\"<"
                + rootId + ">\"";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ascii(out, "--" + boundary + "\r\n"
                + "Content-Type: application/soap+xml; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: binary\r\n"
                + "Content-ID: <" + rootId + ">\r\n\r\n");
        out.writeBytes(soap);
        for (Part part : parts) {
            StringBuilder head = new StringBuilder("\r\n--" + boundary + "\r\n")
                    .append("Content-Type: ").append(part.contentType()).append("\r\n")
                    .append("Content-Transfer-Encoding: binary\r\n")
                    .append("Content-ID: <").append(part.contentId()).append(">\r\n");
            for (Map.Entry<String, String> h : part.headers().entrySet()) {
                if (!h.getKey().equalsIgnoreCase("Content-Type") && !h.getKey().equalsIgnoreCase("Content-ID")
                        && !h.getKey().equalsIgnoreCase("Content-Transfer-Encoding")) {
                    head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
                }
            }
            ascii(out, head.append("\r\n").toString());
            out.writeBytes(part.bytes());
        }
        ascii(out, "\r\n--" + boundary + "--\r\n");
        return new Mime(contentType, out.toByteArray());
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }
}
