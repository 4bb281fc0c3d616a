package org.imigateway.as4;

import java.nio.file.Path;
import java.security.cert.X509Certificate;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

import org.apache.wss4j.common.WSEncryptionPart;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.common.util.KeyUtils;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.message.WSSecEncrypt;
import org.apache.wss4j.dom.message.WSSecHeader;

/**
 * Encrypts the attachments of a signed message for the receiver (eDelivery AS4: only
 * attachments are encrypted, content only, AES-128-GCM, the key transported with RSA-OAEP).
 * Runs after signing, so the receiver decrypts first and then verifies what was signed.
 */
public final class AttachmentEncryptor {

    static {
        WssInit.ensure();
    }

    public void encrypt(MimeEnvelope envelope, SecurityProfile profile, X509Certificate receiver, Cryptos cryptos,
            Path workDir) throws WSSecurityException {
        if (envelope.parts().isEmpty()) {
            return;
        }
        WSSecHeader header = MessageSigner.securityHeader(envelope);
        WSSecEncrypt encrypt = new WSSecEncrypt(header);
        encrypt.setUseThisCert(receiver);
        encrypt.setKeyIdentifierType(WSConstants.ISSUER_SERIAL);
        encrypt.setSymmetricEncAlgorithm(profile.contentEncryptionAlgorithm());
        encrypt.setKeyEncAlgo(profile.keyTransportAlgorithm());
        encrypt.setMGFAlgorithm(profile.mgfAlgorithm());
        encrypt.setDigestAlgorithm(profile.digestAlgorithm());
        encrypt.getParts().add(new WSEncryptionPart("cid:Attachments", "Content"));
        AttachmentCallbacks callbacks = new AttachmentCallbacks(envelope, workDir, cryptos.passwordCallback());
        encrypt.setAttachmentCallbackHandler(callbacks);
        KeyGenerator generator = KeyUtils.getKeyGenerator(profile.contentEncryptionAlgorithm());
        SecretKey key = generator.generateKey();
        try {
            StreamingGcm.run(() -> encrypt.build(cryptos.verification(), key));
        } catch (WSSecurityException e) {
            throw e;
        } catch (Exception e) {
            throw new WSSecurityException(WSSecurityException.ErrorCode.FAILED_ENCRYPTION, e);
        } finally {
            callbacks.closeStreams();
        }
    }
}
