package org.imigateway.conformance.cases;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.imigateway.conformance.listen.Arrival;
import org.imigateway.conformance.wire.Inspection;
import org.imigateway.conformance.wire.Ns;
import org.imigateway.conformance.wire.Xml;
import org.w3c.dom.Element;

/**
 * A message the hub sent to the suite's access point, as far as the cooperation cases judge it:
 * the message it answers ({@code eb:RefToMessageId}), its action, the authority it is for, its
 * first payload after decryption and gunzip, and every payload with its part properties.
 */
record HubAnswer(String messageId, String refToMessageId, String action, String finalRecipient, String document,
        List<Inspection.ReceivedPayload> payloads) {

    HubAnswer {
        payloads = List.copyOf(payloads);
    }

    /** Empty when the arrival cannot be read as a user message with a readable payload. */
    static Optional<HubAnswer> of(Arrival arrival) {
        if (arrival.inspection().isEmpty()) {
            return Optional.empty();
        }
        Inspection inspection = arrival.inspection().get();
        try {
            Element envelope = Xml.parse(inspection.soapText().getBytes(StandardCharsets.UTF_8)).getDocumentElement();
            String document = inspection.payloads().stream().findFirst().flatMap(Inspection.ReceivedPayload::content)
                    .map(bytes -> new String(bytes, StandardCharsets.UTF_8)).orElse("");
            return Optional.of(new HubAnswer(inspection.messageId().orElse(""),
                    Xml.text(envelope, Ns.EBMS, "RefToMessageId").orElse(""),
                    Xml.text(envelope, Ns.EBMS, "Action").orElse(""),
                    inspection.property("finalRecipient").orElse(""), document, inspection.payloads()));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    String describe() {
        return "action " + action + " for " + finalRecipient + " (message " + messageId + ")";
    }
}
