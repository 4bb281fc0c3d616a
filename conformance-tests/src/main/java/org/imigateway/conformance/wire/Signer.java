package org.imigateway.conformance.wire;

import java.util.ArrayList;
import java.util.List;

import org.apache.wss4j.common.WSEncryptionPart;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.message.WSSecHeader;
import org.apache.wss4j.dom.message.WSSecSignature;
import org.w3c.dom.Element;

/**
 * Signs as the eDelivery AS4 profile requires, with the algorithms the draft names: one
 * signature over eb:Messaging, the SOAP Body and every attachment (content only, SwA
 * Attachment-Content-Signature-Transform), the certificate as a BinarySecurityToken.
 */
public final class Signer {

    static {
        WssSetup.ensure();
    }

    private Signer() {
    }

    /** Signs in place and returns copies of the ds:Reference elements, to compare with a receipt's NRR. */
    public static List<Element> sign(Packet packet, Identity signer, String signatureAlgorithm, String digestAlgorithm)
            throws WSSecurityException {
        WSSecSignature signature = new WSSecSignature(securityHeader(packet));
        signature.setUserInfo(Identity.ALIAS, new String(signer.password()));
        signature.setKeyIdentifierType(WSConstants.BST_DIRECT_REFERENCE);
        signature.setSignatureAlgorithm(signatureAlgorithm);
        signature.setDigestAlgo(digestAlgorithm);
        signature.setSigCanonicalization(Ns.C14N_EXCLUSIVE);
        signature.getParts().add(new WSEncryptionPart("Messaging", Ns.EBMS, "Element"));
        signature.getParts().add(new WSEncryptionPart("Body", Ns.SOAP12, "Element"));
        if (!packet.parts().isEmpty()) {
            signature.getParts().add(new WSEncryptionPart("cid:Attachments", "Content"));
            signature.setAttachmentCallbackHandler(new AttachmentBridge(packet.parts(), signer.passwords()));
        }
        signature.build(signer.crypto());
        Element signedInfo = Xml.child(signature.getSignatureElement(), Ns.DS, "SignedInfo").orElseThrow();
        List<Element> references = new ArrayList<>();
        for (Element reference : Xml.descendants(signedInfo, Ns.DS, "Reference")) {
            references.add((Element) reference.cloneNode(true));
        }
        return references;
    }

    static WSSecHeader securityHeader(Packet packet) throws WSSecurityException {
        WSSecHeader header = new WSSecHeader(packet.soap());
        header.setMustUnderstand(true);
        if (header.isEmpty()) {
            header.insertSecurityHeader();
        }
        return header;
    }
}
