package org.imigateway.discovery;

/**
 * A lookup that gave no usable answer. {@link #cause()} says which step refused it, the message
 * says what was asked and what came back, so the operator can tell a typo from a network fault.
 */
public final class DiscoveryException extends Exception {

    /**
     * Why no endpoint could be used. Each maps to the ebMS error a refused submission carries, or,
     * when the fault may pass (a server down or slow), to SEND_FAILURE: kept and resendable.
     */
    public enum Cause {
        /** The participant's BDXL name does not exist in the SML zone (DNS NXDOMAIN). */
        NXDOMAIN("EBMS:0003"),
        /** The name exists but holds no U-NAPTR record for the {@code Meta:SMP} service. */
        NO_NAPTR("EBMS:0003"),
        /** The DNS server or the SMP did not answer in time, or answered with a server error. */
        UNREACHABLE("SEND_FAILURE"),
        /** The SMP answer is not signed, or its signature does not verify against the SMP anchor. */
        BAD_SIGNATURE("EBMS:0010"),
        /** The SMP answer is not the document asked for, or cannot be read. */
        BAD_ANSWER("EBMS:0010"),
        /** No endpoint for the transport profile we speak. */
        NO_ENDPOINT("EBMS:0003"),
        /** The only matching endpoint is not yet active or already expired. */
        ENDPOINT_NOT_ACTIVE("EBMS:0003"),
        /** The endpoint certificate does not chain to the AP anchor, or is not valid now. */
        UNTRUSTED_CERTIFICATE("EBMS:0010");

        private final String outcome;

        Cause(String outcome) {
            this.outcome = outcome;
        }

        /** {@code EBMS:0003}, {@code EBMS:0010} or {@code SEND_FAILURE}. */
        public String outcome() {
            return outcome;
        }
    }

    private final Cause cause;

    public DiscoveryException(Cause cause, String detail) {
        super(cause + ": " + detail);
        this.cause = cause;
    }

    public DiscoveryException(Cause cause, String detail, Throwable reason) {
        super(cause + ": " + detail, reason);
        this.cause = cause;
    }

    public Cause cause() {
        return cause;
    }
}
