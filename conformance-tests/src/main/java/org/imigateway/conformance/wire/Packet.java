package org.imigateway.conformance.wire;

import java.util.List;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** A message between composition stages: the SOAP envelope as DOM and its attachments, open to change. */
public record Packet(Document soap, List<Part> parts) {

    public Element header() {
        return Xml.child(soap.getDocumentElement(), Ns.SOAP12, "Header").orElseThrow();
    }

    public Element body() {
        return Xml.child(soap.getDocumentElement(), Ns.SOAP12, "Body").orElseThrow();
    }

    public Element messaging() {
        return Xml.child(header(), Ns.EBMS, "Messaging").orElseThrow();
    }

    /** The first element of that ebMS name inside eb:Messaging. */
    public Element ebms(String localName) {
        return Xml.descendants(messaging(), Ns.EBMS, localName).get(0);
    }
}
