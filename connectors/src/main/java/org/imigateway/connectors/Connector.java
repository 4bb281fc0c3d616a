package org.imigateway.connectors;

/**
 * One backend adapter (folder, JMS, web service): it takes deliveries and send outcomes from the
 * gateway and, once started, submits what its backend hands over through the port.
 */
public interface Connector extends DeliveryListener, OutcomeListener, AutoCloseable {

    /** Starts taking submissions from the backend; the port is scoped to this backend. */
    void start(BackendPort port) throws Exception;

    /** Stops taking submissions; deliveries in progress finish first. */
    @Override
    void close();
}
