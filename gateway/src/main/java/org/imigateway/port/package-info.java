/**
 * The ports the access point offers the IMI hub: the hub reaches the database, the case registry,
 * the audit trail, the message log, the PModes and the broker only through these interfaces
 * (submission and delivery go through the connectors' {@code GatewayPort} and
 * {@code DeliveryListener}). The access point implements them; the root package wires them.
 * Nothing here imports another package of the gateway.
 */
package org.imigateway.port;
