package org.imigateway.as4.inflow;

import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;

import org.imigateway.as4.EbmsErrorCode;
import org.imigateway.as4.EbmsException;
import org.imigateway.pmode.Leg;
import org.imigateway.pmode.Party;
import org.imigateway.pmode.PartyId;
import org.imigateway.pmode.ProfileCertificates;
import org.imigateway.pmode.SecurityProfile;

/**
 * The sender on a leg marked dynamic that is not in the PModes: its signing certificate, already
 * verified to chain to the AP trust anchor, is its identity. The From PartyId must be that
 * certificate's common name (as access points found by discovery are addressed), so one
 * network member cannot speak for another.
 */
final class DynamicSender {

    private DynamicSender() {
    }

    static Party of(String fromPartyId, X509Certificate signer, Leg leg) throws EbmsException {
        String commonName = PartyId.commonName(signer).orElse("");
        if (!fromPartyId.equals(commonName)) {
            throw new EbmsException(EbmsErrorCode.FAILED_AUTHENTICATION, "From PartyId '" + fromPartyId
                    + "' is not in the PModes and is not the common name of its signing certificate ('"
                    + signer.getSubjectX500Principal().getName() + "'), as leg '" + leg.id() + "' (dynamic) requires");
        }
        Map<SecurityProfile, ProfileCertificates> profiles = leg.securityProfile() == SecurityProfile.EDELIVERY_1_15
                ? Map.of() : Map.of(leg.securityProfile(), new ProfileCertificates(signer, signer));
        return new Party(commonName, new PartyId(commonName, ""), Optional.empty(), signer, signer, profiles);
    }
}
