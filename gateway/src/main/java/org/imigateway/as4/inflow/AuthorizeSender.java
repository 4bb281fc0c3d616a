package org.imigateway.as4.inflow;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

import org.imigateway.as4.EbmsErrorCode;
import org.imigateway.as4.EbmsException;
import org.imigateway.pmode.SecurityProfile;

/**
 * A certificate that chains to our anchors proves only that some partner signed. The sender
 * named in From must have signed with a certificate its PMode party gives, or any partner
 * could speak for any other. During a certificate rotation the party has two, each accepted
 * only within its own validity: the old one is refused once it has ended.
 */
public final class AuthorizeSender implements InboundStep {

    @Override
    public void process(InboundContext context) throws EbmsException {
        if (!context.security().signed()) {
            return;
        }
        X509Certificate signer = context.security().signer().orElseThrow();
        SecurityProfile profile = context.leg().securityProfile();
        if (context.sender().certificates(profile).isEmpty()) {
            throw new EbmsException(EbmsErrorCode.FAILED_AUTHENTICATION, "party '" + context.sender().name()
                    + "' has no " + profile.id() + " certificates in the PModes, which leg '" + context.leg().id()
                    + "' uses");
        }
        List<X509Certificate> accepted = context.sender().signingCertificates(profile, Instant.now());
        if (!accepted.contains(signer)) {
            boolean listed = context.sender().allPairs(profile).stream().anyMatch(pair -> pair.signing().equals(signer));
            throw new EbmsException(EbmsErrorCode.FAILED_AUTHENTICATION, "the message is signed by '"
                    + signer.getSubjectX500Principal().getName() + "' (serial " + signer.getSerialNumber().toString(16)
                    + "), " + (listed ? "a certificate of party '" + context.sender().name()
                            + "' that is outside its validity (" + signer.getNotBefore().toInstant() + " to "
                            + signer.getNotAfter().toInstant() + ")"
                            : "not by the " + profile.id() + " signing certificate of party '"
                                    + context.sender().name() + "' in the PModes"));
        }
    }
}
