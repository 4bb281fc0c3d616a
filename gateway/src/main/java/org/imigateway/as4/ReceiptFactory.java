package org.imigateway.as4;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.apache.wss4j.common.ext.WSSecurityException;
import org.imigateway.schemas.ebms3.MessageInfo;
import org.imigateway.schemas.ebms3.Messaging;
import org.imigateway.schemas.ebms3.Receipt;
import org.imigateway.schemas.ebms3.SignalMessage;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import org.imigateway.pmode.SecurityProfile;
import org.imigateway.xml.SecureXml;
/**
 * Makes the signed non-repudiation receipt (AS4 profile 2.2.6 / 3.4): an eb:SignalMessage whose
 * eb:Receipt carries ebbp:NonRepudiationInformation with one MessagePartNRInformation per
 * ds:Reference of the received message's signature. The sender checks these digests against
 * what it signed, so the receipt proves what exactly was received.
 */
public final class ReceiptFactory {

    private final MessageSigner signer = new MessageSigner();

    /** The receipt, signed with the leg's profile: what the sender gets in the HTTP response. */
    public byte[] create(String refToMessageId, List<Element> signedReferences, SecurityProfile profile, Cryptos cryptos,
            Path workDir) throws WSSecurityException {
        Document soap = envelope(refToMessageId, signedReferences);
        signer.sign(new MimeEnvelope(soap, List.of()), profile, cryptos, workDir);
        return SecureXml.toBytes(soap);
    }

    /** The receipt's SOAP envelope before it is signed. */
    public static Document envelope(String refToMessageId, List<Element> signedReferences) {
        Messaging messaging = new Messaging();
        SignalMessage signal = new SignalMessage();
        MessageInfo info = new MessageInfo();
        info.setTimestamp(Timestamps.of(Instant.now()));
        info.setMessageId(MessageIds.newMessageId());
        info.setRefToMessageId(refToMessageId);
        signal.setMessageInfo(info);
        Receipt receipt = new Receipt();
        receipt.getContent().add(nonRepudiation(signedReferences));
        signal.setReceipt(receipt);
        messaging.getSignalMessages().add(signal);

        return SoapEnvelopes.withMessaging(messaging);
    }

    private static Element nonRepudiation(List<Element> references) {
        Document scratch = SecureXml.newDocument();
        Element nri = scratch.createElementNS(Namespaces.EBBP, "ebbp:NonRepudiationInformation");
        nri.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:ebbp", Namespaces.EBBP);
        scratch.appendChild(nri);
        for (Element reference : references) {
            Element part = scratch.createElementNS(Namespaces.EBBP, "ebbp:MessagePartNRInformation");
            part.appendChild(scratch.importNode(reference, true));
            nri.appendChild(part);
        }
        return nri;
    }
}
