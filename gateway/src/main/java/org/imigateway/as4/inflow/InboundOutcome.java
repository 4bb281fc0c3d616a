package org.imigateway.as4.inflow;

import java.util.Optional;

import org.imigateway.as4.EbmsError;

/** The answer to one received message: a receipt (perhaps the original one for a duplicate) or an error. */
public sealed interface InboundOutcome {

    record Accepted(String messageId, byte[] receipt, boolean duplicate) implements InboundOutcome {
    }

    /** {@code temporary}: the fault is ours, the sender should retry (answered with HTTP 503). */
    record Rejected(EbmsError error, Optional<String> messageId, boolean temporary) implements InboundOutcome {
    }
}
