package org.imigateway.conformance.listen;

/** How the listener answers the next message with a MessageId it has not seen. */
public enum Reply {
    /** A signed receipt with the NRR of what was received. */
    RECEIPT,
    /** HTTP 503 to the first transmission, a receipt to any retry: the target must retry (reception awareness). */
    UNAVAILABLE_FIRST,
    /** HTTP 503 to every transmission, never a receipt: the target must retry and then give up (EBMS:0301). */
    WITHHOLD_RECEIPT
}
