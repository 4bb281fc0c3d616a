package org.imigateway.ops;

import java.io.IOException;

/**
 * A JMX endpoint that is not provably the gateway (no TLS, or not the gateway's own TLS
 * certificate): nothing was logged in and no credentials left this process.
 */
public final class UntrustedJmxServerException extends IOException {

    private static final long serialVersionUID = 1L;

    public UntrustedJmxServerException(String message, Throwable cause) {
        super(message + "; no credentials were sent", cause);
    }
}
