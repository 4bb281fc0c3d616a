package org.imigateway.pmode;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;

/** An access point known to the PModes: its name, party id, endpoint and certificates. */
public record Party(String name, PartyId partyId, Optional<URI> endpoint,
        X509Certificate signingCertificate, X509Certificate encryptionCertificate) {

    public Party {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(partyId, "partyId");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(signingCertificate, "signingCertificate");
        Objects.requireNonNull(encryptionCertificate, "encryptionCertificate");
    }
}
