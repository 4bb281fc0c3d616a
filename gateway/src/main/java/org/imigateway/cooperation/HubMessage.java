package org.imigateway.cooperation;

import java.util.List;

import org.imigateway.connectors.Delivery;
import org.imigateway.schemas.imi.ImiDocumentType;

/**
 * A business message the hub received: the delivery, its document type and parsed document,
 * the authority that sent it ({@code originalSender}) and the access point it came through.
 */
record HubMessage(Delivery delivery, ImiDocumentType type, Object document, String sender, String senderParty) {

    <T> T document(Class<T> type) {
        return type.cast(document);
    }

    /** The received payloads, to forward as they came. */
    List<Outgoing.Payload> payloads() {
        return delivery.payloads().stream().map(p -> new Outgoing.Payload(p.file(), p.mimeType())).toList();
    }

    String messageId() {
        return delivery.messageId();
    }
}
