package org.imigateway.store;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.imigateway.text.Untrusted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What follows a committed status change of the message log: its one log line, then the
 * {@link StatusListener}s registered on the log.
 */
final class StatusChanges {

    private static final Logger LOG = LoggerFactory.getLogger(MessageLog.class);

    private final List<StatusListener> listeners = new CopyOnWriteArrayList<>();

    void add(StatusListener listener) {
        listeners.add(listener);
    }

    void remove(StatusListener listener) {
        listeners.remove(listener);
    }

    /** A committed change: its log line, then the listeners. */
    void changed(String messageId, String conversationId, Direction direction, Optional<MessageStatus> from,
            MessageStatus to, String note) {
        logLine(messageId, conversationId, direction, from, to, note);
        for (StatusListener listener : listeners) {
            listener.changed(messageId, direction, to);
        }
    }

    /** The one log line of a status change (a ping's, which no listener hears, too). */
    static void logLine(String messageId, String conversationId, Direction direction, Optional<MessageStatus> from,
            MessageStatus to, String note) {
        LOG.info("{} message {} (conversation {}): {} -> {}: {}", direction, Untrusted.inLog(messageId),
                Untrusted.inLog(conversationId), from.map(Enum::name).orElse("new"), to, Untrusted.escaped(note));
    }
}
