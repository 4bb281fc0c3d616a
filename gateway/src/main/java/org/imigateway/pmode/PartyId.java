package org.imigateway.pmode;

import java.util.Objects;

/** An ebMS party id with its type, e.g. {@code gw-a} of type {@code ...partyid-type:unregistered}. */
public record PartyId(String value, String type) {

    public PartyId {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(type, "type");
    }

    @Override
    public String toString() {
        return type.isEmpty() ? value : type + "::" + value;
    }

    /**
     * The common name of a certificate's subject: the party id of an access point found by
     * discovery, which is addressed by its certificate rather than by a PMode entry.
     */
    public static java.util.Optional<String> commonName(java.security.cert.X509Certificate certificate) {
        try {
            for (javax.naming.ldap.Rdn rdn : new javax.naming.ldap.LdapName(
                    certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return java.util.Optional.of(rdn.getValue().toString());
                }
            }
        } catch (javax.naming.InvalidNameException e) {
            // an unreadable subject has no common name
        }
        return java.util.Optional.empty();
    }
}
