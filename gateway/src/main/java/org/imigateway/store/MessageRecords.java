package org.imigateway.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.imigateway.port.MessageFiles;
import org.imigateway.port.SentMessages;

/** The message log and the payload files as the hub reads them, through its ports. */
public final class MessageRecords implements MessageFiles, SentMessages {

    private final MessageLog log;
    private final PayloadStore payloads;

    public MessageRecords(MessageLog log, PayloadStore payloads) {
        this.log = log;
        this.payloads = payloads;
    }

    @Override
    public List<Path> receivedPayloads(String messageId) {
        return payloads.payloads(messageId, Direction.INBOUND).stream().map(payloads::file).toList();
    }

    @Override
    public Optional<Path> preparedBody(String messageId) {
        return log.find(messageId, Direction.OUTBOUND).flatMap(MessageRecord::body).map(MimeBody::file);
    }

    @Override
    public Optional<Sent> find(String messageId) {
        return log.find(messageId, Direction.OUTBOUND).map(record -> new Sent(progress(record.status()),
                record.errorCode(), record.errorDetail()));
    }

    private static Progress progress(MessageStatus status) {
        return switch (status) {
            case ACKNOWLEDGED -> Progress.ACKNOWLEDGED;
            case SEND_FAILURE -> Progress.FAILED;
            default -> Progress.UNDER_WAY;
        };
    }
}
