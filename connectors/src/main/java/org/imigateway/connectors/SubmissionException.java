package org.imigateway.connectors;

/** A submission the gateway refused; the message names the field and the value at fault. */
public class SubmissionException extends Exception {

    private final String errorCode;

    public SubmissionException(String errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public SubmissionException(String errorCode, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    /** The ebMS error code (EBMS:0001 ... EBMS:0303) that best describes the refusal. */
    public String errorCode() {
        return errorCode;
    }
}
