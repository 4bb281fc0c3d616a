package org.imigateway.store;

/** A message with this MessageId was already registered in this direction. */
public final class DuplicateMessageException extends StoreException {

    public DuplicateMessageException(String messageId, Direction direction) {
        super("an " + direction + " message with MessageId " + messageId + " is already in the message log");
    }
}
