package org.imigateway.as4.hostile;

import java.util.Optional;

import org.imigateway.as4.Dom;
import org.imigateway.as4.MessagingCodec;
import org.imigateway.as4.Namespaces;
import org.imigateway.xml.SecureXml;
import org.imigateway.schemas.ebms3.ErrorSignal;
import org.imigateway.schemas.ebms3.Messaging;
import org.imigateway.schemas.ebms3.SignalMessage;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The receiver's synchronous answer: HTTP status and the eb:SignalMessage it carries. */
record EbmsAnswer(int status, byte[] body, SignalMessage signal) {

    static EbmsAnswer parse(int status, byte[] body) {
        try {
            Document soap = SecureXml.parse(body);
            Element header = Dom.child(soap.getDocumentElement(), Namespaces.SOAP12, "Header").orElseThrow();
            Element messaging = Dom.child(header, Namespaces.EBMS, "Messaging").orElseThrow();
            Messaging read = MessagingCodec.read(messaging);
            return new EbmsAnswer(status, body, read.getSignalMessages().get(0));
        } catch (Exception e) {
            throw new AssertionError("HTTP " + status + " answer is not an ebMS signal: " + new String(body,
                    java.nio.charset.StandardCharsets.UTF_8), e);
        }
    }

    Optional<ErrorSignal> error() {
        return signal.getErrors().stream().findFirst();
    }

    boolean isReceipt() {
        return signal.getReceipt() != null;
    }

    @Override
    public String toString() {
        return "HTTP " + status + " " + error().map(e -> e.getErrorCode() + " " + e.getErrorDetail())
                .orElse(isReceipt() ? "receipt" : "signal without error or receipt");
    }
}
