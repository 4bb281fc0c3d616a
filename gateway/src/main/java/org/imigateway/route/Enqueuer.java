package org.imigateway.route;

import java.util.HashMap;
import java.util.Map;

import org.apache.camel.ProducerTemplate;
import org.imigateway.broker.CamelJms;
import org.imigateway.broker.Queues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a MessageId on a gateway queue, outside any route: each send is committed to the
 * journal (synced) when it returns. The duplicate-detection id makes a repeated hand-off, as
 * recovery does after a crash, a no-op in the broker.
 */
public final class Enqueuer {

    private static final Logger LOG = LoggerFactory.getLogger(Enqueuer.class);

    private final ProducerTemplate producer;

    public Enqueuer(ProducerTemplate producer) {
        this.producer = producer;
    }

    /** Returns false when the broker already had this duplicate id, which callers treat as done. */
    public boolean enqueue(String queue, String messageId, String duplicateId, long scheduledAt) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(Headers.MESSAGE_ID, messageId);
        if (scheduledAt > 0) {
            headers.put(Headers.SCHEDULED_DELIVERY, scheduledAt);
        }
        return enqueue(queue, messageId, headers, duplicateId);
    }

    /** A text with properties of its own; false when the broker already had this duplicate id. */
    public boolean enqueue(String queue, String body, Map<String, Object> properties, String duplicateId) {
        Map<String, Object> headers = new HashMap<>(properties);
        headers.put(Queues.DUPLICATE_ID_PROPERTY, duplicateId);
        try {
            producer.sendBodyAndHeaders(CamelJms.produce(queue), body, headers);
            return true;
        } catch (RuntimeException e) {
            if (Queues.isDuplicateRejection(e)) {
                LOG.debug("duplicate id {} already queued on {}: the broker dropped the copy", duplicateId, queue);
                return false;
            }
            throw e;
        }
    }
}
