package org.imigateway.port;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The files the access point keeps of a message, which the hub's retention deletes with its case. */
public interface MessageFiles {

    /** The stored payload files of a received message; none when it is unknown. */
    List<Path> receivedPayloads(String messageId);

    /** The prepared (signed, encrypted) MIME body of a message this gateway sent, when it has one. */
    Optional<Path> preparedBody(String messageId);
}
