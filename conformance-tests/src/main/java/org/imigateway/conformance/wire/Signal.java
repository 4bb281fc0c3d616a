package org.imigateway.conformance.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The ebMS signal in a target's answer: a receipt, one or more errors, or neither. Read with
 * the hardened parser; a multipart answer is unwrapped to its first (SOAP) part.
 */
public record Signal(Document soap, Optional<Element> messaging, boolean receipt, List<Error> errors,
        Optional<String> refToMessageId) {

    /** One eb:Error: code, severity and the words the target chose. */
    public record Error(String code, String severity, String shortDescription, String detail) {
        @Override
        public String toString() {
            return code + " (" + severity + ", " + shortDescription + ")" + (detail.isBlank() ? "" : ": " + detail);
        }
    }

    /** Reads the answer, or says why it is not an ebMS signal. */
    public static Signal read(Answer answer) throws UnreadableSignal {
        if (!answer.reached()) {
            throw new UnreadableSignal(answer.transportFailure());
        }
        byte[] xml = soapPart(answer.contentType(), answer.body());
        Document soap;
        try {
            soap = Xml.parse(xml);
        } catch (Exception e) {
            throw new UnreadableSignal("HTTP " + answer.status() + " answer is not XML (" + e.getMessage() + "): "
                    + abbreviate(answer.bodyText()));
        }
        Optional<Element> header = Xml.child(soap.getDocumentElement(), Ns.SOAP12, "Header");
        Optional<Element> messaging = header.flatMap(h -> Xml.child(h, Ns.EBMS, "Messaging"));
        if (messaging.isEmpty()) {
            throw new UnreadableSignal("HTTP " + answer.status() + " answer has no eb:Messaging header: "
                    + abbreviate(answer.bodyText()));
        }
        List<Element> signals = Xml.descendants(messaging.get(), Ns.EBMS, "SignalMessage");
        if (signals.isEmpty()) {
            throw new UnreadableSignal("HTTP " + answer.status() + " answer holds no eb:SignalMessage");
        }
        Element signal = signals.get(0);
        List<Error> errors = new ArrayList<>();
        for (Element error : Xml.descendants(signal, Ns.EBMS, "Error")) {
            errors.add(new Error(error.getAttribute("errorCode"), error.getAttribute("severity"),
                    error.getAttribute("shortDescription"), Xml.text(error, Ns.EBMS, "ErrorDetail").orElse("")));
        }
        boolean receipt = !Xml.descendants(signal, Ns.EBMS, "Receipt").isEmpty();
        return new Signal(soap, messaging, receipt, errors, Xml.text(signal, Ns.EBMS, "RefToMessageId"));
    }

    public String describe() {
        if (!errors.isEmpty()) {
            return "error " + errors.stream().map(Error::toString).reduce((a, b) -> a + "; " + b).orElse("");
        }
        return receipt ? "receipt" : "signal with neither receipt nor error";
    }

    private static byte[] soapPart(String contentType, byte[] body) {
        if (!contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
            return body;
        }
        String text = new String(body, StandardCharsets.ISO_8859_1);
        int headersEnd = text.indexOf("\r\n\r\n");
        int boundaryAt = text.indexOf("\r\n--", headersEnd);
        if (headersEnd < 0 || boundaryAt < 0) {
            return body;
        }
        return text.substring(headersEnd + 4, boundaryAt).getBytes(StandardCharsets.ISO_8859_1);
    }

    static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    /** The answer cannot be read as an ebMS signal; the message says what it was instead. */
    public static final class UnreadableSignal extends Exception {
        public UnreadableSignal(String message) {
            super(message);
        }
    }
}
