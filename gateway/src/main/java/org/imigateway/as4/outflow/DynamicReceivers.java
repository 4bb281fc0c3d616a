package org.imigateway.as4.outflow;

import org.imigateway.as4.EbmsErrorCode;
import org.imigateway.as4.EbmsException;
import org.imigateway.connectors.Submission;
import org.imigateway.pmode.Leg;
import org.imigateway.pmode.Party;

/**
 * The receiver of a submission on a leg marked dynamic: found by discovery from the participant,
 * document type and process, and shaped as a PMode party (endpoint and certificates), so the
 * rest of the send path treats it like a partner written into the PModes.
 */
public interface DynamicReceivers {

    /** The access point serving {@code recipient} now; the refusal carries the ebMS error of the cause. */
    Party receiver(Submission.Recipient recipient, Leg leg) throws EbmsException;

    /**
     * The lookup itself failed (not found, unreachable, badly signed, no usable endpoint): the
     * submission is kept as SEND_FAILURE with this error, and an operator resend looks up again.
     */
    final class LookupFailed extends EbmsException {
        public LookupFailed(EbmsErrorCode code, String detail, Throwable cause) {
            super(code, detail, cause);
        }
    }

    /** A gateway without {@code discovery.*} settings refuses every submission by participant. */
    DynamicReceivers NONE = (recipient, leg) -> {
        throw new EbmsException(EbmsErrorCode.PROCESSING_MODE_MISMATCH, "participant '" + recipient.participant()
                + "' cannot be looked up: dynamic discovery is not configured (discovery.sml.zone or discovery.smp.url)");
    };
}
