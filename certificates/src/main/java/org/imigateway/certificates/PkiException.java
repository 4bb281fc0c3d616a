package org.imigateway.certificates;

/**
 * The one error type of this module. Its message names the file or certificate involved and the
 * cause, so a person running {@code certs} can act on it without a stack trace.
 */
public class PkiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PkiException(String message) {
        super(message);
    }

    public PkiException(String message, Throwable cause) {
        super(message + describe(cause), cause);
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "";
        }
        String detail = cause.getMessage();
        return ": " + (detail == null || detail.isBlank() ? cause.getClass().getSimpleName() : detail);
    }
}
