package org.imigateway.route;

import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.imigateway.connectors.Delivery;
import org.imigateway.connectors.DeliveryListener;
import org.imigateway.store.MessageLog;
import org.imigateway.store.PayloadAccess;

/**
 * Hands a received message to its backend, once. The backend's hand-off is idempotent by
 * MessageId and the message is marked DELIVERED only after it returned, so a crash in between
 * repeats a hand-off that changes nothing; a message already DELIVERED is skipped. The payloads
 * come through the {@link PayloadAccess} gate, which audits the read.
 */
public final class DeliverToBackend implements Processor {

    private final MessageLog log;
    private final PayloadAccess access;
    private final String backendName;
    private final DeliveryListener backend;

    public DeliverToBackend(MessageLog log, PayloadAccess access, String backendName, DeliveryListener backend) {
        this.log = log;
        this.access = access;
        this.backendName = backendName;
        this.backend = backend;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String messageId = exchange.getMessage().getHeader(Headers.MESSAGE_ID, String.class);
        Optional<PayloadAccess.Access> decided = access.deliverIfReceived(messageId, backendName);
        if (decided.isEmpty()) {
            return;
        }
        PayloadAccess.Access read = decided.get();
        if (!(read instanceof PayloadAccess.Granted granted)) {
            throw new IllegalStateException("message " + messageId + " is RECEIVED but backend " + backendName
                    + " may not have its payloads: " + (read instanceof PayloadAccess.Refused refused ? refused.reason()
                            : ((PayloadAccess.Deleted) read).statement()));
        }
        Delivery delivery = granted.delivery();
        backend.deliver(delivery);
        log.markDelivered(messageId);
    }
}
