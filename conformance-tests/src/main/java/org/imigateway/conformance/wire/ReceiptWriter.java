package org.imigateway.conformance.wire;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.wss4j.common.ext.WSSecurityException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The suite's answer when it plays the receiver: a signed receipt whose
 * ebbp:NonRepudiationInformation repeats the ds:References of the message received (AS4
 * profile, non-repudiation of receipt), so the target can check it as it would any receipt.
 */
public final class ReceiptWriter {

    private ReceiptWriter() {
    }

    public static byte[] receipt(String refToMessageId, List<Element> references, Identity signer) {
        Document doc = Xml.newDocument();
        Element envelope = doc.createElementNS(Ns.SOAP12, "S12:Envelope");
        envelope.setAttributeNS(Ns.XMLNS, "xmlns:S12", Ns.SOAP12);
        doc.appendChild(envelope);
        Element header = Xml.append(envelope, Ns.SOAP12, "S12:Header");
        Xml.append(envelope, Ns.SOAP12, "S12:Body");
        Element messaging = Xml.append(header, Ns.EBMS, "eb:Messaging");
        messaging.setAttributeNS(Ns.XMLNS, "xmlns:eb", Ns.EBMS);
        messaging.setAttributeNS(Ns.SOAP12, "S12:mustUnderstand", "true");
        Element signal = Xml.append(messaging, Ns.EBMS, "eb:SignalMessage");
        Element info = Xml.append(signal, Ns.EBMS, "eb:MessageInfo");
        Xml.append(info, Ns.EBMS, "eb:Timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        Xml.append(info, Ns.EBMS, "eb:MessageId", "receipt-" + UUID.randomUUID() + "@imi-conformance");
        Xml.append(info, Ns.EBMS, "eb:RefToMessageId", refToMessageId);
        Element receipt = Xml.append(signal, Ns.EBMS, "eb:Receipt");
        Element nri = Xml.append(receipt, Ns.EBBP, "ebbp:NonRepudiationInformation");
        nri.setAttributeNS(Ns.XMLNS, "xmlns:ebbp", Ns.EBBP);
        for (Element reference : references) {
            Xml.append(nri, Ns.EBBP, "ebbp:MessagePartNRInformation").appendChild(doc.importNode(reference, true));
        }
        // the imported ds:References carry no xmlns:ds of their own; Santuario canonicalises the DOM as
        // it stands, so without the declarations the digest of eb:Messaging differs from the one the
        // target computes over the bytes it receives (EBMS:0302, "the signed content was changed")
        doc.normalizeDocument();
        try {
            Signer.sign(new Packet(doc, new ArrayList<>()), signer, Ns.RSA_SHA256, Ns.SHA256);
        } catch (WSSecurityException e) {
            throw new IllegalStateException("the suite could not sign its receipt: " + e.getMessage(), e);
        }
        return Xml.toBytes(doc);
    }
}
