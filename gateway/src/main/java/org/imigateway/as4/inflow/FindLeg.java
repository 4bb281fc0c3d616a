package org.imigateway.as4.inflow;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.imigateway.as4.EbmsErrorCode;
import org.imigateway.as4.EbmsException;
import org.imigateway.as4.Namespaces;
import org.imigateway.pmode.Leg;
import org.imigateway.pmode.PModeSet;
import org.imigateway.pmode.Party;
import org.imigateway.schemas.ebms3.CollaborationInfo;
import org.imigateway.schemas.ebms3.PartyId;
import org.imigateway.schemas.ebms3.UserMessage;

/**
 * Matches the message to a PMode leg: the sender must be a known party, the receiver must be
 * this gateway, and Service, Action and agreement must name a leg the sender may use. Every
 * refusal names the value that did not match, the most common interop complaint otherwise.
 */
public final class FindLeg implements InboundStep {

    private final Supplier<PModeSet> pmodes;
    private final String localPartyName;

    public FindLeg(Supplier<PModeSet> pmodes, String localPartyName) {
        this.pmodes = pmodes;
        this.localPartyName = localPartyName;
    }

    @Override
    public void process(InboundContext context) throws EbmsException {
        PModeSet set = pmodes.get();
        UserMessage user = context.userMessage();
        Party local = set.party(localPartyName).orElseThrow();
        PartyId from = single("From", user.getPartyInfo().getFrom().getPartyIds());
        PartyId to = single("To", user.getPartyInfo().getTo().getPartyIds());

        Optional<Party> known = set.partyById(from.getValue().trim(), from.getType());
        if (known.isEmpty() && set.legs().stream().noneMatch(Leg::dynamic)) {
            throw unknownSender(from);
        }
        if (!local.partyId().value().equals(to.getValue().trim())
                || to.getType() != null && !to.getType().isEmpty() && !to.getType().equals(local.partyId().type())) {
            throw new EbmsException(EbmsErrorCode.VALUE_INCONSISTENT, "To PartyId '" + to.getValue() + "'" + typeText(to)
                    + " is not this gateway, which is '" + local.partyId().value() + "'");
        }

        CollaborationInfo collaboration = user.getCollaborationInfo();
        String service = collaboration.getService().getValue().trim();
        String action = collaboration.getAction().trim();
        Leg leg;
        if (service.equals(Namespaces.TEST_SERVICE) && action.equals(Namespaces.TEST_ACTION)) {
            leg = Leg.ping(org.imigateway.pmode.SecurityProfile.EDELIVERY_1_15);
        } else {
            leg = matchLeg(set, collaboration, service, action);
        }
        if (known.isEmpty() && leg.dynamic()) {
            // a partner found by discovery: identified by its signing certificate (ProcessSecurityHeader)
            context.dynamicSender(from.getValue().trim());
            context.leg(leg);
            return;
        }
        Party sender = known.orElseThrow(() -> unknownSender(from));
        if (!leg.allowsInitiator(sender.name())) {
            throw new EbmsException(EbmsErrorCode.PROCESSING_MODE_MISMATCH, "party '" + from.getValue()
                    + "' may not send on leg '" + leg.id() + "' (service '" + service + "', action '" + action + "')");
        }
        context.sender(sender);
        context.leg(leg);
    }

    private static Leg matchLeg(PModeSet set, CollaborationInfo collaboration, String service, String action)
            throws EbmsException {
        List<Leg> candidates = set.legsFor(service, action);
        if (candidates.isEmpty()) {
            boolean serviceKnown = set.legs().stream().anyMatch(l -> l.service().equals(service));
            throw new EbmsException(EbmsErrorCode.PROCESSING_MODE_MISMATCH, serviceKnown
                    ? "no PMode leg has service '" + service + "' with action '" + action + "'"
                    : "service '" + service + "' is not in any PMode leg of this gateway");
        }
        String serviceType = collaboration.getService().getType();
        String agreement = collaboration.getAgreementRef() == null ? null : collaboration.getAgreementRef().getValue().trim();
        for (Leg leg : candidates) {
            boolean agreementMatches = leg.agreement().map(a -> a.equals(agreement)).orElse(agreement == null);
            if (agreementMatches) {
                if (leg.serviceType().isPresent() && !leg.serviceType().get().equals(serviceType)) {
                    throw new EbmsException(EbmsErrorCode.VALUE_INCONSISTENT, "Service/@type '" + serviceType
                            + "' differs from '" + leg.serviceType().get() + "' that leg '" + leg.id() + "' requires");
                }
                return leg;
            }
        }
        throw new EbmsException(EbmsErrorCode.VALUE_INCONSISTENT, "AgreementRef '" + agreement + "' does not match"
                + " the agreement of any leg for service '" + service + "' and action '" + action + "'");
    }

    private static EbmsException unknownSender(PartyId from) {
        return new EbmsException(EbmsErrorCode.PROCESSING_MODE_MISMATCH, "From PartyId '" + from.getValue() + "'"
                + typeText(from) + " is not a party in this gateway's PModes");
    }

    private static PartyId single(String role, List<PartyId> ids) throws EbmsException {
        if (ids.size() != 1) {
            throw new EbmsException(EbmsErrorCode.VALUE_INCONSISTENT, role + " has " + ids.size()
                    + " PartyId elements; the AS4 profile allows exactly one");
        }
        return ids.get(0);
    }

    private static String typeText(PartyId id) {
        return id.getType() == null ? "" : " (type '" + id.getType() + "')";
    }
}
