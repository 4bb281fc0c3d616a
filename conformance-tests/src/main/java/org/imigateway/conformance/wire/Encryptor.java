package org.imigateway.conformance.wire;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Optional;

import javax.crypto.SecretKey;

import org.apache.wss4j.common.WSEncryptionPart;
import org.apache.wss4j.common.crypto.Merlin;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.common.util.KeyUtils;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.message.WSSecEncrypt;
import org.apache.xml.security.encryption.params.HKDFParams;

/**
 * Encrypts the attachments for the receiver (eDelivery AS4: attachments only, content only)
 * with the content and key transport algorithms the draft names, or for AS4 2.0 a key-encryption
 * key agreed with the receiver's X25519 or P-256 key, derived with HKDF, wrapping the content key.
 * Runs after signing.
 */
public final class Encryptor {

    private static final String HKDF = "http://www.w3.org/2021/04/xmldsig-more#hkdf";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Encryptor() {
    }

    public static void encrypt(Packet packet, X509Certificate receiver, String contentAlgorithm, String keyTransport,
            Optional<String> keyAgreement) throws WSSecurityException {
        if (packet.parts().isEmpty()) {
            return;
        }
        WSSecEncrypt encrypt = new WSSecEncrypt(Signer.securityHeader(packet));
        encrypt.setUseThisCert(receiver);
        encrypt.setKeyIdentifierType(WSConstants.ISSUER_SERIAL);
        encrypt.setSymmetricEncAlgorithm(contentAlgorithm);
        encrypt.setKeyEncAlgo(keyTransport);
        if (keyAgreement.isPresent()) {
            encrypt.setKeyAgreementMethod(keyAgreement.get());
            encrypt.setKeyDerivationMethod(HKDF);
            encrypt.setKeyDerivationParameters(hkdf());
        } else if (Ns.RSA_OAEP.equals(keyTransport)) {
            encrypt.setMGFAlgorithm(Ns.MGF1_SHA256);
            encrypt.setDigestAlgorithm(Ns.SHA256);
        }
        encrypt.getParts().add(new WSEncryptionPart("cid:Attachments", "Content"));
        encrypt.setAttachmentCallbackHandler(new AttachmentBridge(packet.parts(), callbacks -> { }));
        SecretKey key = KeyUtils.getKeyGenerator(contentAlgorithm).generateKey();
        encrypt.build(new Merlin(), key);
    }

    /** HKDF-SHA256 to the 128 bits of AES-128 key wrap, with a fresh salt per message (RFC 5869, 3.1). */
    private static HKDFParams hkdf() {
        byte[] salt = new byte[32];
        RANDOM.nextBytes(salt);
        return HKDFParams.createBuilder(128, Ns.HMAC_SHA256).salt(salt).build();
    }
}
