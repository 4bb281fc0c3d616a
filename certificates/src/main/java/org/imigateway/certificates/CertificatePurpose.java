package org.imigateway.certificates;

import java.util.Optional;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * What an end-entity certificate may be used for. Each access point holds one certificate per
 * purpose so that a compromised TLS key does not also let an attacker sign AS4 messages.
 */
public enum CertificatePurpose {

    /** WS-Security signatures on AS4 messages; nonRepudiation because receipts rely on them. */
    SIGNING(KeyUsage.digitalSignature | KeyUsage.nonRepudiation, null),

    /** WS-Security encryption of the symmetric key that protects the payloads. */
    ENCRYPTION(KeyUsage.keyEncipherment | KeyUsage.dataEncipherment, null),

    /** HTTPS endpoint of the access point; keyEncipherment for RSA key exchange in TLS 1.2. */
    TLS_SERVER(KeyUsage.digitalSignature | KeyUsage.keyEncipherment, KeyPurposeId.id_kp_serverAuth),

    /** Client side of mutual TLS when this access point sends to a partner. */
    TLS_CLIENT(KeyUsage.digitalSignature, KeyPurposeId.id_kp_clientAuth);

    private final int keyUsageBits;
    private final KeyPurposeId extendedKeyUsage;

    CertificatePurpose(int keyUsageBits, KeyPurposeId extendedKeyUsage) {
        this.keyUsageBits = keyUsageBits;
        this.extendedKeyUsage = extendedKeyUsage;
    }

    KeyUsage keyUsage() {
        return new KeyUsage(keyUsageBits);
    }

    Optional<KeyPurposeId> extendedKeyUsage() {
        return Optional.ofNullable(extendedKeyUsage);
    }
}
