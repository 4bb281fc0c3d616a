package org.imigateway.discovery;

import java.util.Map;
import java.util.Optional;

import org.imigateway.as4.EbmsErrorCode;
import org.imigateway.as4.EbmsException;
import org.imigateway.as4.outflow.DynamicReceivers;
import org.imigateway.connectors.Submission;
import org.imigateway.pmode.Leg;
import org.imigateway.pmode.Party;
import org.imigateway.pmode.PartyId;
import org.imigateway.pmode.ProfileCertificates;
import org.imigateway.pmode.SecurityProfile;

/**
 * The send side's use of {@link Discovery}: the answer becomes a party whose endpoint is the SMP's
 * address and whose one certificate (the SMP publishes one) is encrypted for and expected on the
 * receipt. The To PartyId is the certificate's common name, as eDelivery and Peppol access points
 * are named after their certificate. The leg gives security profile and retries.
 */
public final class DiscoveredReceivers implements DynamicReceivers {

    private final Discovery discovery;

    public DiscoveredReceivers(Discovery discovery) {
        this.discovery = discovery;
    }

    @Override
    public Party receiver(Submission.Recipient recipient, Leg leg) throws EbmsException {
        ParticipantId participant;
        try {
            participant = ParticipantId.parse(recipient.participant());
        } catch (IllegalArgumentException e) {
            throw new EbmsException(EbmsErrorCode.VALUE_INCONSISTENT, "participant '" + recipient.participant() + "': "
                    + e.getMessage());
        }
        Endpoint endpoint;
        try {
            endpoint = discovery.endpoint(participant, Endpoint.DocumentType.parse(recipient.documentType()),
                    Endpoint.Process.parse(recipient.process()));
        } catch (DiscoveryException e) {
            throw refusal(e);
        }
        String name = commonName(endpoint);
        ProfileCertificates pair = new ProfileCertificates(endpoint.certificate(), endpoint.certificate());
        Map<SecurityProfile, ProfileCertificates> profiles = leg.securityProfile() == SecurityProfile.EDELIVERY_1_15
                ? Map.of() : Map.of(leg.securityProfile(), pair);
        return new Party(name, new PartyId(name, ""), Optional.of(endpoint.address()), endpoint.certificate(),
                endpoint.certificate(), profiles);
    }

    /** EBMS:0003 and EBMS:0010 as the cause says; a fault on the way (SEND_FAILURE) is EBMS:0004 naming it. */
    static DynamicReceivers.LookupFailed refusal(DiscoveryException e) {
        EbmsErrorCode code = switch (e.cause().outcome()) {
            case "EBMS:0003" -> EbmsErrorCode.VALUE_INCONSISTENT;
            case "EBMS:0010" -> EbmsErrorCode.PROCESSING_MODE_MISMATCH;
            default -> EbmsErrorCode.OTHER;
        };
        String prefix = code == EbmsErrorCode.OTHER ? "SEND_FAILURE: discovery failed on the way, try again later: "
                : "discovery: ";
        return new DynamicReceivers.LookupFailed(code, prefix + e.getMessage(), e);
    }

    private static String commonName(Endpoint endpoint) throws EbmsException {
        return PartyId.commonName(endpoint.certificate()).orElseThrow(() -> new EbmsException(
                EbmsErrorCode.PROCESSING_MODE_MISMATCH, "the endpoint certificate of " + endpoint.participant()
                        + " has no common name to address its access point by"));
    }
}
