package org.imigateway.route;

import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.imigateway.connectors.Delivery;
import org.imigateway.connectors.DeliveryListener;
import org.imigateway.store.DerbySink;
import org.imigateway.store.Direction;
import org.imigateway.store.MessageLog;
import org.imigateway.store.MessageRecord;
import org.imigateway.store.MessageStatus;

/**
 * Hands a received message to its backend, once. The backend's hand-off is idempotent by
 * MessageId and the message is marked DELIVERED only after it returned, so a crash in between
 * repeats a hand-off that changes nothing; a message already DELIVERED is skipped.
 */
public final class DeliverToBackend implements Processor {

    private final MessageLog log;
    private final DerbySink store;
    private final DeliveryListener backend;

    public DeliverToBackend(MessageLog log, DerbySink store, DeliveryListener backend) {
        this.log = log;
        this.store = store;
        this.backend = backend;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String messageId = exchange.getMessage().getHeader(Headers.MESSAGE_ID, String.class);
        Optional<MessageRecord> record = log.find(messageId, Direction.INBOUND);
        if (record.isEmpty() || record.get().status() != MessageStatus.RECEIVED) {
            return;
        }
        Delivery delivery = store.delivery(messageId).orElseThrow(() -> new IllegalStateException(
                "message " + messageId + " is RECEIVED but its payloads cannot be read"));
        backend.deliver(delivery);
        log.markDelivered(messageId);
    }
}
