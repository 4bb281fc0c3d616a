package org.imigateway.conformance.wire;

/**
 * The two eDelivery AS4 2.0 security profiles: the algorithms a message on such a leg is signed
 * and encrypted with, and the one key agreement its receiver must insist on.
 */
public enum As4TwoProfile {
    /** The common profile: Ed25519 signatures, X25519 key agreement. */
    EDDSA("eddsa", "EdDSA/X25519", Ns.ED25519, "Ed25519", Ns.X25519, "X25519"),
    /** The alternative profile: ECDSA P-256 signatures, ECDH-ES key agreement. */
    ECDSA("ecdsa", "ECDSA/ECDH-ES", Ns.ECDSA_SHA256, "ECDSA-SHA256", Ns.ECDH_ES, "ECDH-ES");

    private final String id;
    private final String title;
    private final String signatureAlgorithm;
    private final String signatureName;
    private final String keyAgreement;
    private final String keyAgreementName;

    As4TwoProfile(String id, String title, String signatureAlgorithm, String signatureName, String keyAgreement,
            String keyAgreementName) {
        this.id = id;
        this.title = title;
        this.signatureAlgorithm = signatureAlgorithm;
        this.signatureName = signatureName;
        this.keyAgreement = keyAgreement;
        this.keyAgreementName = keyAgreementName;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    public String signatureName() {
        return signatureName;
    }

    public String keyAgreement() {
        return keyAgreement;
    }

    public String keyAgreementName() {
        return keyAgreementName;
    }

    /** The other 2.0 profile: its key agreement is the wrong one on this profile's leg. */
    public As4TwoProfile other() {
        return this == EDDSA ? ECDSA : EDDSA;
    }
}
