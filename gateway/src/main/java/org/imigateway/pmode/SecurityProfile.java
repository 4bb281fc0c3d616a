package org.imigateway.pmode;

import java.util.Optional;

/**
 * An eDelivery AS4 security profile as data: the algorithms a leg signs and encrypts with, the
 * only ones its receiver accepts, and the aliases of our keys that serve it. AS4 1.15 transports
 * the content key with RSA-OAEP; the AS4 2.0 profiles agree a key-encryption key (X25519 or
 * ECDH-ES), derive it with HKDF and wrap the content key with AES-128 key wrap.
 */
public enum SecurityProfile {
    /** eDelivery AS4 1.15: RSA-SHA256, SHA-256 digests, RSA-OAEP (MGF1-SHA256) key transport, AES-128-GCM. */
    EDELIVERY_1_15("edelivery-1.15",
            "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
            "http://www.w3.org/2009/xmlenc11#rsa-oaep",
            "http://www.w3.org/2009/xmlenc11#mgf1sha256",
            "",
            "signing", "encryption"),
    /** eDelivery AS4 2.0 common profile: Ed25519, X25519 + HKDF + AES-128 key wrap, AES-128-GCM. */
    EDELIVERY_2_0_EDDSA("edelivery-2.0-eddsa",
            "http://www.w3.org/2021/04/xmldsig-more#eddsa-ed25519",
            SecurityProfile.KW_AES128,
            "",
            "http://www.w3.org/2021/04/xmldsig-more#x25519",
            "signing-eddsa", "encryption-x25519"),
    /** eDelivery AS4 2.0 alternative profile: ECDSA P-256, ECDH-ES + HKDF + AES-128 key wrap, AES-128-GCM. */
    EDELIVERY_2_0_ECDSA("edelivery-2.0-ecdsa",
            "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256",
            SecurityProfile.KW_AES128,
            "",
            "http://www.w3.org/2009/xmlenc11#ECDH-ES",
            "signing-ecdsa", "encryption-ecdh");

    /** Exclusive canonicalisation, as the AS4 profile requires for SignedInfo and references. */
    public static final String C14N_EXCLUSIVE = "http://www.w3.org/2001/10/xml-exc-c14n#";
    public static final String DIGEST_SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";
    public static final String AES128_GCM = "http://www.w3.org/2009/xmlenc11#aes128-gcm";
    public static final String KW_AES128 = "http://www.w3.org/2001/04/xmlenc#kw-aes128";
    public static final String HKDF = "http://www.w3.org/2021/04/xmldsig-more#hkdf";
    /** The PRF of HKDF in AS4 2.0. */
    public static final String HMAC_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#hmac-sha256";
    public static final int MINIMUM_RSA_KEY_BITS = 2048;
    public static final int MINIMUM_EC_KEY_BITS = 256;

    private final String id;
    private final String signatureAlgorithm;
    private final String keyEncryptionAlgorithm;
    private final String mgfAlgorithm;
    private final String keyAgreementAlgorithm;
    private final String signingAlias;
    private final String encryptionAlias;

    SecurityProfile(String id, String signatureAlgorithm, String keyEncryptionAlgorithm, String mgfAlgorithm,
            String keyAgreementAlgorithm, String signingAlias, String encryptionAlias) {
        this.id = id;
        this.signatureAlgorithm = signatureAlgorithm;
        this.keyEncryptionAlgorithm = keyEncryptionAlgorithm;
        this.mgfAlgorithm = mgfAlgorithm;
        this.keyAgreementAlgorithm = keyAgreementAlgorithm;
        this.signingAlias = signingAlias;
        this.encryptionAlias = encryptionAlias;
    }

    public String id() {
        return id;
    }

    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    public String digestAlgorithm() {
        return DIGEST_SHA256;
    }

    /** The algorithm of xenc:EncryptedKey: RSA-OAEP key transport (1.15) or AES key wrap (2.0). */
    public String keyTransportAlgorithm() {
        return keyEncryptionAlgorithm;
    }

    public String mgfAlgorithm() {
        return mgfAlgorithm;
    }

    public String contentEncryptionAlgorithm() {
        return AES128_GCM;
    }

    /** The xenc:AgreementMethod algorithm, present in the AS4 2.0 profiles only. */
    public Optional<String> keyAgreementAlgorithm() {
        return keyAgreementAlgorithm.isEmpty() ? Optional.empty() : Optional.of(keyAgreementAlgorithm);
    }

    public Optional<String> keyDerivationAlgorithm() {
        return keyAgreementAlgorithm().map(a -> HKDF);
    }

    /** The alias of our signing key for this profile, in the party key store and in the gateway's key material. */
    public String signingAlias() {
        return signingAlias;
    }

    public String encryptionAlias() {
        return encryptionAlias;
    }

    public static Optional<SecurityProfile> byId(String id) {
        for (SecurityProfile profile : values()) {
            if (profile.id.equals(id)) {
                return Optional.of(profile);
            }
        }
        return Optional.empty();
    }
}
