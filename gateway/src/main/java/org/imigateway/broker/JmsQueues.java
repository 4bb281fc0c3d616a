package org.imigateway.broker;

import org.imigateway.port.Queues;

/** The hub's view of the broker's queues ({@link Queues}): transacted consumers through {@link CamelJms}. */
public enum JmsQueues implements Queues {
    INSTANCE;

    @Override
    public String consumer(String queue, int minConsumers, int maxConsumers) {
        return CamelJms.consume(queue, minConsumers, maxConsumers);
    }

    @Override
    public String transactionPolicy() {
        return CamelJms.REQUIRED_POLICY;
    }
}
