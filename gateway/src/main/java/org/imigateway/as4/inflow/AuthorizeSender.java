package org.imigateway.as4.inflow;

import java.security.cert.X509Certificate;

import org.imigateway.as4.EbmsErrorCode;
import org.imigateway.as4.EbmsException;
import org.imigateway.pmode.SecurityProfile;
import org.imigateway.pmode.ProfileCertificates;

/**
 * A certificate that chains to our anchors proves only that some partner signed. The sender
 * named in From must have signed with the certificate its PMode party gives, or any partner
 * could speak for any other.
 */
public final class AuthorizeSender implements InboundStep {

    @Override
    public void process(InboundContext context) throws EbmsException {
        if (!context.security().signed()) {
            return;
        }
        X509Certificate signer = context.security().signer().orElseThrow();
        SecurityProfile profile = context.leg().securityProfile();
        X509Certificate expected = context.sender().certificates(profile).map(ProfileCertificates::signing)
                .orElseThrow(() -> new EbmsException(EbmsErrorCode.FAILED_AUTHENTICATION, "party '"
                        + context.sender().name() + "' has no " + profile.id() + " certificates in the PModes, which leg '"
                        + context.leg().id() + "' uses"));
        if (!signer.equals(expected)) {
            throw new EbmsException(EbmsErrorCode.FAILED_AUTHENTICATION, "the message is signed by '"
                    + signer.getSubjectX500Principal().getName() + "' (serial " + signer.getSerialNumber().toString(16)
                    + "), not by the " + context.leg().securityProfile().id()
                    + " signing certificate of party '" + context.sender().name() + "' in the PModes");
        }
    }
}
