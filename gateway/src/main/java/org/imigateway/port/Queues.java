package org.imigateway.port;

/** The access point's broker as the hub's routes read its durable queues: in a local JMS transaction. */
public interface Queues {

    /** The Camel endpoint of a transacted consumer of {@code queue} with this many concurrent listeners. */
    String consumer(String queue, int minConsumers, int maxConsumers);

    /** The transaction policy a route reading such a consumer names in {@code transacted(...)}. */
    String transactionPolicy();
}
