package org.imigateway.connectors;

/** The backend side of the port: where the gateway hands accepted messages. */
public interface DeliveryListener {

    /**
     * Takes a delivery. Returning normally means the backend has it durably; throwing means it
     * must be offered again. Implementations are idempotent by MessageId.
     */
    void deliver(Delivery delivery) throws Exception;
}
