package org.imigateway.as4;

import java.util.Objects;
import java.util.Optional;

import org.imigateway.text.Untrusted;

/**
 * An ebMS error: its code and a detail a human can act on, naming the field and the value at
 * fault. The detail never carries payload content or key material. Values quoted in the detail
 * often come from the message itself, so the detail is neutralised here, where every error
 * passes on its way to the ErrorDetail, the log and the message log: control characters
 * escaped, length bounded.
 */
public record EbmsError(EbmsErrorCode code, String detail, Optional<String> refToMessageId) {

    /** A detail names a value, it does not repeat a document: a 5,000-character field is quoted shortened. */
    static final int MAX_DETAIL = 1900;

    public EbmsError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(refToMessageId, "refToMessageId");
        detail = Untrusted.shortened(Untrusted.escaped(detail), MAX_DETAIL);
    }

    public static EbmsError of(EbmsErrorCode code, String detail) {
        return new EbmsError(code, detail, Optional.empty());
    }

    public EbmsError about(String messageId) {
        return new EbmsError(code, detail, Optional.ofNullable(messageId));
    }

    @Override
    public String toString() {
        return code.code() + " " + code.shortName() + ": " + detail;
    }
}
