package org.imigateway.as4;

import java.time.Duration;

import org.imigateway.connectors.admission.OverloadAnswer;

/**
 * The 503 of the AS4 port when it is full: an ebMS error signal EBMS:0004 worded as temporary,
 * so that an AS4 sender retries (its reception awareness) instead of reporting a failure.
 */
public final class BusySignal implements OverloadAnswer {

    @Override
    public String contentType() {
        return Namespaces.SOAP12_CONTENT_TYPE + "; charset=UTF-8";
    }

    @Override
    public byte[] body(Duration retryAfter) {
        return ErrorSignalFactory.create(EbmsError.of(EbmsErrorCode.OTHER, "the gateway is busy: too many messages are"
                + " being received; this one was not accepted, send it again in " + retryAfter.toSeconds() + " s"));
    }
}
