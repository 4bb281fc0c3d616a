package org.imigateway.store;

/** The message log cannot do what was asked; the message names the message and the operation. */
public class StoreException extends RuntimeException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
