package org.imigateway.store;

/** No message with this MessageId travels in this direction. */
public final class UnknownMessageException extends StoreException {

    public UnknownMessageException(String messageId, Direction direction) {
        super("no " + direction + " message has MessageId " + messageId);
    }
}
