package org.imigateway.conformance.cases;

import java.util.Optional;
import java.util.Set;

import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

import org.imigateway.certificates.CertificateAuthority;
import org.imigateway.certificates.IssuedCertificate;
import org.imigateway.conformance.run.Session;
import org.imigateway.conformance.run.Verdict;
import org.imigateway.conformance.wire.Identity;

/**
 * Signs with a key from a CA the suite makes up on the spot, under our party's common name: the
 * target must not trust a certificate only because its name looks right.
 */
final class UntrustedSigner {

    private UntrustedSigner() {
    }

    static Verdict probe(Session session) throws Exception {
        String commonName = commonName(session.settings().ourSigning().certificate().getSubjectX500Principal().getName());
        IssuedCertificate impostor = CertificateAuthority.create("IMI Conformance Untrusted CA").issueSigning(commonName);
        Identity identity = Identity.of(impostor.privateKey(), impostor.chainArray());
        var draft = session.draft();
        draft.signer = Optional.of(identity);
        return Probes.judgeRefusal(session.send("message signed by an untrusted CA", session.compose(draft)),
                "its signing certificate chains to no trust anchor of the target", Set.of("EBMS:0101"), false);
    }

    private static String commonName(String dn) throws Exception {
        for (Rdn rdn : new LdapName(dn).getRdns()) {
            if (rdn.getType().equalsIgnoreCase("CN")) {
                return rdn.getValue().toString();
            }
        }
        return dn;
    }
}
