package org.imigateway.as4;

import org.imigateway.schemas.ebms3.Messaging;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import org.imigateway.xml.SecureXml;
/** Builds SOAP 1.2 envelopes carrying an eb:Messaging header and an empty (or fault) Body. */
public final class SoapEnvelopes {

    private SoapEnvelopes() {
    }

    /** A new envelope with the header marshalled in; the Body is left empty, as AS4 requires. */
    public static Document withMessaging(Messaging messaging) {
        Document doc = SecureXml.newDocument();
        Element envelope = doc.createElementNS(Namespaces.SOAP12, "S12:Envelope");
        envelope.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:S12", Namespaces.SOAP12);
        doc.appendChild(envelope);
        Element header = doc.createElementNS(Namespaces.SOAP12, "S12:Header");
        envelope.appendChild(header);
        envelope.appendChild(doc.createElementNS(Namespaces.SOAP12, "S12:Body"));
        messaging.setMustUnderstand12(Boolean.TRUE);
        MessagingCodec.write(messaging, header);
        return doc;
    }
}
