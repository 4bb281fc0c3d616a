package org.imigateway.as4.outflow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.imigateway.as4.EbmsErrorCode;
import org.imigateway.as4.EbmsException;
import org.imigateway.as4.MessageIds;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;
import org.imigateway.pmode.Leg;
import org.imigateway.pmode.PModeSet;
import org.imigateway.pmode.Party;

/**
 * Checks a submission against the PModes before anything is built: the receiving party exists
 * and has an endpoint, a leg covers Service/Action and lets us send on it, every payload file
 * exists and fits the leg's size limit. The refusal names the field and value.
 */
public final class ResolveRoute {

    private final DynamicReceivers dynamic;

    /** Static partners only. */
    public ResolveRoute() {
        this(DynamicReceivers.NONE);
    }

    public ResolveRoute(DynamicReceivers dynamic) {
        this.dynamic = dynamic;
    }

    public OutboundMessage resolve(Submission submission, PModeSet pmodes, String localPartyName, Path workDir)
            throws EbmsException {
        Party sender = pmodes.party(localPartyName).orElseThrow();
        Optional<Party> named = Optional.empty();
        if (submission.recipient().isEmpty()) {
            named = Optional.of(pmodes.party(submission.toParty()).or(() -> pmodes.partyById(submission.toParty(), null))
                    .orElseThrow(() -> new EbmsException(EbmsErrorCode.VALUE_NOT_RECOGNIZED, "toParty '"
                            + submission.toParty() + "' is not a party in the PModes")));
        }
        Leg leg = leg(submission, pmodes, sender.name(), named.map(Party::name));
        Party receiver;
        if (submission.recipient().isPresent()) {
            if (!leg.dynamic()) {
                throw new EbmsException(EbmsErrorCode.PROCESSING_MODE_MISMATCH, "participant '"
                        + submission.recipient().get().participant() + "' names no PMode party, but leg '" + leg.id()
                        + "' is not marked dynamic=\"true\"");
            }
            receiver = dynamic.receiver(submission.recipient().get(), leg);
        } else {
            receiver = named.orElseThrow();
        }
        if (receiver.endpoint().isEmpty()) {
            throw new EbmsException(EbmsErrorCode.PROCESSING_MODE_MISMATCH, "party '" + receiver.name()
                    + "' has no endpoint in the PModes, so nothing can be sent to it");
        }
        if (!leg.allowsInitiator(sender.name())) {
            throw new EbmsException(EbmsErrorCode.PROCESSING_MODE_MISMATCH, "leg '" + leg.id()
                    + "' does not list this gateway ('" + sender.name() + "') as an initiator");
        }
        List<Payload> payloads = submission.payloads();
        for (int i = 0; i < payloads.size(); i++) {
            Payload payload = payloads.get(i);
            if (!Files.isRegularFile(payload.file())) {
                throw new EbmsException(EbmsErrorCode.OTHER, "payload " + (i + 1) + ": file " + payload.file()
                        + " does not exist");
            }
            long size = payload.size();
            Optional<Long> limit = leg.maxPayloadSize();
            if (limit.isPresent() && size > limit.get()) {
                throw new EbmsException(EbmsErrorCode.OTHER, "payload " + (i + 1) + " (" + payload.file().getFileName()
                        + ") has " + size + " bytes, more than the " + limit.get() + " leg '" + leg.id() + "' allows");
            }
        }
        String messageId = submission.messageId().orElseGet(MessageIds::newMessageId);
        return new OutboundMessage(submission, messageId, sender, receiver, leg, workDir);
    }

    private static Leg leg(Submission submission, PModeSet pmodes, String sender, Optional<String> receiver)
            throws EbmsException {
        return pmodes.outboundLeg(submission.service(), submission.action(), sender, receiver).orElseThrow(() -> new EbmsException(
                EbmsErrorCode.PROCESSING_MODE_MISMATCH, "no PMode leg has service '" + submission.service()
                        + "' with action '" + submission.action() + "'"));
    }
}
