package org.imigateway.bench;

import static org.imigateway.GatewayParts.partsOf;

import java.util.EnumSet;
import java.util.Set;

import org.imigateway.Gateway;
import org.imigateway.store.Direction;
import org.imigateway.store.MessageLog;
import org.imigateway.store.MessageStatus;
import org.imigateway.store.StatusListener;

/**
 * Counts a gateway's messages reaching one of some statuses, from its making until it is closed,
 * as the message log commits each move: the driver learns of completions without a query.
 */
final class StatusCount implements StatusListener, AutoCloseable {

    private final Completions completions = new Completions();
    private final MessageLog log;
    private final Set<MessageStatus> statuses;

    private StatusCount(MessageLog log, Set<MessageStatus> statuses) {
        this.log = log;
        this.statuses = statuses;
        log.addListener(this);
    }

    static StatusCount of(Gateway gateway, MessageStatus first, MessageStatus... more) {
        return new StatusCount(partsOf(gateway).messageLog(), EnumSet.of(first, more));
    }

    Completions completions() {
        return completions;
    }

    @Override
    public void changed(String messageId, Direction direction, MessageStatus to) {
        if (statuses.contains(to)) {
            completions.add();
        }
    }

    @Override
    public void close() {
        log.removeListener(this);
    }
}
