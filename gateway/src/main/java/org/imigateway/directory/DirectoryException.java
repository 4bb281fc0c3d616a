package org.imigateway.directory;

/** A directory change that is not allowed, with a reason naming who, what and the state. */
public final class DirectoryException extends RuntimeException {

    public DirectoryException(String message) {
        super(message);
    }
}
