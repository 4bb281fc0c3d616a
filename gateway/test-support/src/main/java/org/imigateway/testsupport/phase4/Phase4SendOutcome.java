package org.imigateway.testsupport.phase4;

import java.util.List;
import java.util.Objects;

/** What came of one {@link Phase4Sender#send(Phase4Submission)}. */
public sealed interface Phase4SendOutcome {

    /** The MessageId of the UserMessage sent (generated unless the submission set one). */
    String messageId();

    /** How the NonRepudiationInformation of a receipt compared with what the sender signed. */
    enum NonRepudiation {
        /** Every ds:Reference the sender signed is in the receipt with the same digest. */
        MATCHED,
        /** References are missing, extra or carry other digests; see the problems listed. */
        MISMATCHED,
        /** The receipt carries no NonRepudiationInformation, or the message was not signed. */
        NOT_APPLICABLE
    }

    /**
     * A receipt came back and phase4 accepted it. {@code signatureVerified} is false when the
     * receipt carried no signature at all: phase4 accepts that, a test of our gateway should not.
     */
    record ReceiptReceived(String messageId,
                           String refToMessageId,
                           String signalXml,
                           boolean signatureVerified,
                           NonRepudiation nonRepudiation,
                           List<String> nonRepudiationProblems) implements Phase4SendOutcome {

        public ReceiptReceived {
            Objects.requireNonNull(messageId, "messageId");
            nonRepudiationProblems = List.copyOf(nonRepudiationProblems);
        }

        /** Signed, and its non-repudiation information matches what was sent. */
        public boolean isFullyVerified() {
            return signatureVerified && nonRepudiation == NonRepudiation.MATCHED;
        }
    }

    /** An ebMS error signal came back. */
    record ErrorsReceived(String messageId, List<EbmsError> errors, String signalXml, boolean signatureVerified)
            implements Phase4SendOutcome {

        public ErrorsReceived {
            Objects.requireNonNull(messageId, "messageId");
            errors = List.copyOf(errors);
        }

        public boolean hasCode(String code) {
            return errors.stream().anyMatch(error -> error.code().equals(code));
        }
    }

    /**
     * The receiver answered over HTTP, but not with a signal phase4 could accept: an empty or
     * non-ebMS body, or a signal whose signature or certificate failed verification.
     */
    record ResponseRejected(String messageId, int httpStatus, String detail, String responseBody)
            implements Phase4SendOutcome {
    }

    /** No HTTP answer: connection refused, timed out, TLS failure. */
    record TransportFailure(String messageId, String detail) implements Phase4SendOutcome {
    }

    /** One ebMS Error element; empty strings stand for absent attributes. */
    record EbmsError(String code,
                     String severity,
                     String shortDescription,
                     String detail,
                     String refToMessageInError) {
    }
}
