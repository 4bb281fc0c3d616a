package org.imigateway.as4;

import java.util.Optional;
import java.util.Set;

/**
 * An eDelivery AS4 security profile as data: the algorithms a leg signs and encrypts with, and
 * the only ones its receiver accepts. Only AS4 1.15 is built so far; the 2.0 profiles are
 * named so that a PMode asking for them gets a clear refusal rather than a silent fallback.
 */
public enum SecurityProfile {
    /** eDelivery AS4 1.15: RSA-SHA256, SHA-256 digests, RSA-OAEP (MGF1-SHA256) key transport, AES-128-GCM. */
    EDELIVERY_1_15("edelivery-1.15",
            "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
            "http://www.w3.org/2001/04/xmlenc#sha256",
            "http://www.w3.org/2009/xmlenc11#rsa-oaep",
            "http://www.w3.org/2009/xmlenc11#mgf1sha256",
            "http://www.w3.org/2009/xmlenc11#aes128-gcm",
            true),
    EDELIVERY_2_0_EDDSA("edelivery-2.0-eddsa",
            "http://www.w3.org/2021/04/xmldsig-more#eddsa-ed25519",
            "http://www.w3.org/2001/04/xmlenc#sha256",
            "http://www.w3.org/2021/04/xmldsig-more#x25519",
            "",
            "http://www.w3.org/2009/xmlenc11#aes128-gcm",
            false),
    EDELIVERY_2_0_ECDSA("edelivery-2.0-ecdsa",
            "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256",
            "http://www.w3.org/2001/04/xmlenc#sha256",
            "http://www.w3.org/2009/xmlenc11#ECDH-ES",
            "",
            "http://www.w3.org/2009/xmlenc11#aes128-gcm",
            false);

    /** Exclusive canonicalisation, as the AS4 profile requires for SignedInfo and references. */
    public static final String C14N_EXCLUSIVE = "http://www.w3.org/2001/10/xml-exc-c14n#";
    public static final int MINIMUM_RSA_KEY_BITS = 2048;

    private final String id;
    private final String signatureAlgorithm;
    private final String digestAlgorithm;
    private final String keyTransportAlgorithm;
    private final String mgfAlgorithm;
    private final String contentEncryptionAlgorithm;
    private final boolean implemented;

    SecurityProfile(String id, String signatureAlgorithm, String digestAlgorithm, String keyTransportAlgorithm,
            String mgfAlgorithm, String contentEncryptionAlgorithm, boolean implemented) {
        this.id = id;
        this.signatureAlgorithm = signatureAlgorithm;
        this.digestAlgorithm = digestAlgorithm;
        this.keyTransportAlgorithm = keyTransportAlgorithm;
        this.mgfAlgorithm = mgfAlgorithm;
        this.contentEncryptionAlgorithm = contentEncryptionAlgorithm;
        this.implemented = implemented;
    }

    public String id() {
        return id;
    }

    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    public String digestAlgorithm() {
        return digestAlgorithm;
    }

    public String keyTransportAlgorithm() {
        return keyTransportAlgorithm;
    }

    public String mgfAlgorithm() {
        return mgfAlgorithm;
    }

    public String contentEncryptionAlgorithm() {
        return contentEncryptionAlgorithm;
    }

    public boolean implemented() {
        return implemented;
    }

    public Set<String> allowedSignatureAlgorithms() {
        return Set.of(signatureAlgorithm);
    }

    public Set<String> allowedDigestAlgorithms() {
        return Set.of(digestAlgorithm);
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
