package org.imigateway.as4.inflow;

import java.io.UnsupportedEncodingException;
import java.util.Map;
import java.util.Optional;

import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;

import org.imigateway.connectors.PayloadFileName;

/**
 * The file name a sender gave a MIME part in its {@code Content-Disposition} header (phase4 writes
 * {@code attachment; filename="..."}), RFC 2231 and RFC 2047 encodings undone, then sanitised by
 * {@link PayloadFileName}. A header that cannot be parsed gives no name: the name is a courtesy to
 * the backend, not part of the message, so it never refuses one.
 */
final class PartFileName {

    private PartFileName() {
    }

    static Optional<String> of(Map<String, String> partHeaders) {
        return partHeaders.entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase("Content-Disposition"))
                .findFirst()
                .flatMap(h -> parse(h.getValue()))
                .flatMap(PayloadFileName::sanitise);
    }

    private static Optional<String> parse(String header) {
        try {
            String name = new ContentDisposition(header).getParameter("filename");
            return name == null ? Optional.empty() : Optional.of(MimeUtility.decodeText(name));
        } catch (ParseException | UnsupportedEncodingException e) {
            return Optional.empty();
        }
    }
}
