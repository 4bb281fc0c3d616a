package org.imigateway.as4;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;

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

    /**
     * Encrypts and spools each encrypted attachment to a file of {@code workDir}, which replaces
     * the part in the envelope.
     */
    public void encrypt(MimeEnvelope envelope, SecurityProfile profile, X509Certificate receiver, Cryptos cryptos,
            Path workDir) throws WSSecurityException {
        try (Encrypted encrypted = encryptForSending(envelope, profile, receiver, cryptos, workDir)) {
            for (MimeWriter.Part part : encrypted.parts()) {
                if (part instanceof AttachmentCallbacks.Pending pending) {
                    envelope.replace(AttachmentCallbacks.spool(pending, workDir));
                }
            }
        } catch (IOException e) {
            throw new WSSecurityException(WSSecurityException.ErrorCode.FAILED_ENCRYPTION, e);
        }
    }

    /**
     * Builds the encryption header and encrypts each attachment only as its content is read:
     * {@link Encrypted#parts()} are cipher streams over the parts' files, which the MIME writer
     * reads once, so a sender writes the encrypted content once, into the message body,
     * instead of into a file of its own that is then copied (a third write of a large payload,
     * after its compressed file). The header does not depend on the ciphertext (the content key
     * and IV are chosen here, the GCM tag ends the attachment), so it is final when this returns.
     * The caller closes the result when the body is written.
     */
    public Encrypted encryptForSending(MimeEnvelope envelope, SecurityProfile profile, X509Certificate receiver,
            Cryptos cryptos, Path workDir) throws WSSecurityException {
        AttachmentCallbacks callbacks = new AttachmentCallbacks(envelope, workDir, cryptos.passwordCallback(), true);
        if (envelope.parts().isEmpty()) {
            return new Encrypted(callbacks);
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
        encrypt.setAttachmentCallbackHandler(callbacks);
        KeyGenerator generator = KeyUtils.getKeyGenerator(profile.contentEncryptionAlgorithm());
        SecretKey key = generator.generateKey();
        boolean built = false;
        try {
            // the ciphers are made and initialised here, inside run: they keep its choice when read later
            StreamingGcm.run(envelope.largestPart(), () -> encrypt.build(cryptos.verification(), key));
            built = true;
            return new Encrypted(callbacks);
        } catch (WSSecurityException e) {
            throw e;
        } catch (Exception e) {
            throw new WSSecurityException(WSSecurityException.ErrorCode.FAILED_ENCRYPTION, e);
        } finally {
            if (!built) {
                callbacks.closeStreams();
            }
        }
    }

    /** Encrypted attachments not yet read, and the files under them, open until {@link #close()}. */
    public static final class Encrypted implements AutoCloseable {

        private final AttachmentCallbacks callbacks;

        private Encrypted(AttachmentCallbacks callbacks) {
            this.callbacks = callbacks;
        }

        /** The message's attachments in order: each encrypted one as a stream that encrypts as it is read, once. */
        public List<MimeWriter.Part> parts() {
            return callbacks.partsWithPending();
        }

        @Override
        public void close() {
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
