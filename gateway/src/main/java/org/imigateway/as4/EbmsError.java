package org.imigateway.as4;

import java.util.Objects;
import java.util.Optional;

/**
 * An ebMS error: its code and a detail a human can act on, naming the field and the value at
 * fault. The detail never carries payload content or key material.
 */
public record EbmsError(EbmsErrorCode code, String detail, Optional<String> refToMessageId) {

    public EbmsError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(refToMessageId, "refToMessageId");
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
