package org.imigateway.as4;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

import org.apache.wss4j.common.WSEncryptionPart;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.common.util.KeyUtils;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.message.WSSecEncrypt;
import org.apache.wss4j.dom.message.WSSecHeader;
import org.apache.xml.security.encryption.params.HKDFParams;

import org.imigateway.pmode.SecurityProfile;
/**
 * Encrypts the attachments of a signed message for the receiver (eDelivery AS4: only
 * attachments are encrypted, content only, AES-128-GCM). The content key travels per the leg's
 * profile: AS4 1.15 transports it with RSA-OAEP; AS4 2.0 agrees a key-encryption key with the
 * receiver's X25519 (or P-256) key through an ephemeral originator key, derives it with HKDF
 * and wraps the content key with AES-128 key wrap.
 * Runs after signing, so the receiver decrypts first and then verifies what was signed.
 */
public final class AttachmentEncryptor {

    private static final SecureRandom RANDOM = new SecureRandom();

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
        if (profile.keyAgreementAlgorithm().isPresent()) {
            encrypt.setKeyAgreementMethod(profile.keyAgreementAlgorithm().get());
            encrypt.setKeyDerivationMethod(profile.keyDerivationAlgorithm().orElseThrow());
            encrypt.setKeyDerivationParameters(hkdf());
        } else {
            encrypt.setMGFAlgorithm(profile.mgfAlgorithm());
            encrypt.setDigestAlgorithm(profile.digestAlgorithm());
        }
        encrypt.getParts().add(new WSEncryptionPart("cid:Attachments", "Content"));
        AttachmentCallbacks callbacks = new AttachmentCallbacks(envelope, workDir, cryptos.passwordCallback());
        encrypt.setAttachmentCallbackHandler(callbacks);
        KeyGenerator generator = KeyUtils.getKeyGenerator(profile.contentEncryptionAlgorithm());
        SecretKey key = generator.generateKey();
        try {
            StreamingGcm.run(envelope.largestPart(), () -> encrypt.build(cryptos.verification(), key));
        } catch (WSSecurityException e) {
            throw e;
        } catch (Exception e) {
            throw new WSSecurityException(WSSecurityException.ErrorCode.FAILED_ENCRYPTION, e);
        } finally {
            callbacks.closeStreams();
        }
    }

    /**
     * HKDF with HMAC-SHA256 giving the 128-bit key of AES-128 key wrap; a fresh random salt per
     * message, as RFC 5869 section 3.1 recommends, travels in the message for the receiver.
     */
    private static HKDFParams hkdf() {
        byte[] salt = new byte[32];
        RANDOM.nextBytes(salt);
        return HKDFParams.createBuilder(128, SecurityProfile.HMAC_SHA256).salt(salt).build();
    }
}
