package org.imigateway.conformance.wire;

import java.security.cert.X509Certificate;

import javax.crypto.SecretKey;

import org.apache.wss4j.common.WSEncryptionPart;
import org.apache.wss4j.common.crypto.Merlin;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.common.util.KeyUtils;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.message.WSSecEncrypt;

/**
 * Encrypts the attachments for the receiver (eDelivery AS4: attachments only, content only)
 * with the content and key transport algorithms the draft names. Runs after signing.
 */
public final class Encryptor {

    private Encryptor() {
    }

    public static void encrypt(Packet packet, X509Certificate receiver, String contentAlgorithm, String keyTransport)
            throws WSSecurityException {
        if (packet.parts().isEmpty()) {
            return;
        }
        WSSecEncrypt encrypt = new WSSecEncrypt(Signer.securityHeader(packet));
        encrypt.setUseThisCert(receiver);
        encrypt.setKeyIdentifierType(WSConstants.ISSUER_SERIAL);
        encrypt.setSymmetricEncAlgorithm(contentAlgorithm);
        encrypt.setKeyEncAlgo(keyTransport);
        if (Ns.RSA_OAEP.equals(keyTransport)) {
            encrypt.setMGFAlgorithm(Ns.MGF1_SHA256);
            encrypt.setDigestAlgorithm(Ns.SHA256);
        }
        encrypt.getParts().add(new WSEncryptionPart("cid:Attachments", "Content"));
        encrypt.setAttachmentCallbackHandler(new AttachmentBridge(packet.parts(), callbacks -> { }));
        SecretKey key = KeyUtils.getKeyGenerator(contentAlgorithm).generateKey();
        encrypt.build(new Merlin(), key);
    }
}
