package org.imigateway.as4;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.w3c.dom.Document;

import org.imigateway.xml.SecureXml;
/**
 * Writes an AS4 message as multipart/related (SOAP with Attachments): the SOAP envelope as root
 * part, then each attachment in binary transfer encoding, streamed from its file or, for the
 * attachments a sender encrypts, from the cipher itself ({@link AttachmentEncryptor.Encrypted}),
 * so the encrypted content is written once, here.
 */
public final class MimeWriter {

    /** What an attachment part needs to be written. */
    public interface Part {
        String contentId();

        String contentType();

        Map<String, String> headers();

        /** The content; a part backed by a cipher stream opens once. */
        InputStream open() throws IOException;
    }

    /** The result: where the body was written and the Content-Type header that goes with it. */
    public record Written(Path file, String contentType) {
    }

    public Written write(Document soap, List<? extends Part> parts, Path target) throws IOException {
        String boundary = "MIMEBoundary_" + UUID.randomUUID().toString().replace("-", "");
        String rootId = "root." + UUID.randomUUID() + "@imigateway";
        String contentType = "multipart/related; boundary=\"" + boundary + "\"; type=\"" + Namespaces.SOAP12_CONTENT_TYPE
                + "\"; start=\"<" + rootId + ">\"";
        // written behind: the body of a large message is synced once it is complete, before it is sent
        try (OutputStream out = new BufferedOutputStream(WriteBehind.open(target, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), 256 * 1024)) {
            ascii(out, "--" + boundary + "\r\n");
            ascii(out, "Content-Type: application/soap+xml; charset=UTF-8\r\n");
            ascii(out, "Content-Transfer-Encoding: binary\r\n");
            ascii(out, "Content-ID: <" + rootId + ">\r\n\r\n");
            SecureXml.write(soap, out);
            for (Part part : parts) {
                ascii(out, "\r\n--" + boundary + "\r\n");
                ascii(out, "Content-Type: " + part.contentType() + "\r\n");
                ascii(out, "Content-Transfer-Encoding: binary\r\n");
                ascii(out, "Content-ID: <" + part.contentId() + ">\r\n");
                for (Map.Entry<String, String> h : part.headers().entrySet()) {
                    if (!isWrittenAbove(h.getKey())) {
                        ascii(out, h.getKey() + ": " + h.getValue() + "\r\n");
                    }
                }
                ascii(out, "\r\n");
                try (InputStream in = part.open()) {
                    in.transferTo(out);
                }
            }
            ascii(out, "\r\n--" + boundary + "--\r\n");
        }
        return new Written(target, contentType);
    }

    private static boolean isWrittenAbove(String header) {
        return header.equalsIgnoreCase("Content-Type") || header.equalsIgnoreCase("Content-ID")
                || header.equalsIgnoreCase("Content-Transfer-Encoding");
    }

    private static void ascii(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
    }
}
