package org.imigateway.backend;

import org.imigateway.connectors.Delivery;
import org.imigateway.connectors.DeliveryListener;
import org.imigateway.store.BackendLedger;

/**
 * Records which backend a message goes to before handing it over: that record is what lets the
 * backend, and only it, list, retrieve and mark the message afterwards.
 */
final class AssignedDelivery implements DeliveryListener {

    private final String backend;
    private final BackendLedger ledger;
    private final DeliveryListener connector;

    AssignedDelivery(String backend, BackendLedger ledger, DeliveryListener connector) {
        this.backend = backend;
        this.ledger = ledger;
        this.connector = connector;
    }

    @Override
    public void deliver(Delivery delivery) throws Exception {
        ledger.assign(delivery.messageId(), backend);
        connector.deliver(delivery);
    }
}
