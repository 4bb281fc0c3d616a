package org.imigateway.as4;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.wss4j.common.WSEncryptionPart;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.message.WSSecHeader;
import org.apache.wss4j.dom.message.WSSecSignature;
import org.w3c.dom.Element;

import org.imigateway.pmode.SecurityProfile;
/**
 * Signs an AS4 message as the eDelivery AS4 profile requires: one signature over eb:Messaging,
 * the SOAP Body and every attachment (content only, SwA Attachment-Content-Signature-Transform),
 * with the signing certificate carried as a BinarySecurityToken. Compression has already
 * happened: the AS4 compression feature compresses before signing.
 */
public final class MessageSigner {

    static {
        WssInit.ensure();
    }

    /** Signs in place and returns the ds:Reference elements, kept to check the receipt's NRR later. */
    public List<Element> sign(MimeEnvelope envelope, SecurityProfile profile, Cryptos cryptos, Path workDir)
            throws WSSecurityException {
        WSSecHeader header = securityHeader(envelope);
        WSSecSignature signature = new WSSecSignature(header);
        signature.setUserInfo(profile.signingAlias(), new String(cryptos.password()));
        signature.setKeyIdentifierType(WSConstants.BST_DIRECT_REFERENCE);
        signature.setSignatureAlgorithm(profile.signatureAlgorithm());
        signature.setDigestAlgo(profile.digestAlgorithm());
        signature.setSigCanonicalization(SecurityProfile.C14N_EXCLUSIVE);
        signature.getParts().add(new WSEncryptionPart("Messaging", Namespaces.EBMS, "Element"));
        signature.getParts().add(new WSEncryptionPart("Body", Namespaces.SOAP12, "Element"));
        AttachmentCallbacks callbacks = new AttachmentCallbacks(envelope, workDir, cryptos.passwordCallback());
        if (!envelope.parts().isEmpty()) {
            signature.getParts().add(new WSEncryptionPart("cid:Attachments", "Content"));
            signature.setAttachmentCallbackHandler(callbacks);
        }
        try {
            signature.build(cryptos.own());
        } finally {
            callbacks.closeStreams();
        }
        List<Element> references = new ArrayList<>();
        Element signedInfo = Dom.child(signature.getSignatureElement(), Namespaces.DS, "SignedInfo").orElseThrow();
        for (Element reference : Dom.children(signedInfo, Namespaces.DS, "Reference")) {
            references.add((Element) reference.cloneNode(true));
        }
        return references;
    }

    static WSSecHeader securityHeader(MimeEnvelope envelope) throws WSSecurityException {
        WSSecHeader header = new WSSecHeader(envelope.soap());
        header.setMustUnderstand(true);
        if (header.isEmpty()) {
            header.insertSecurityHeader();
        }
        return header;
    }
}
