/**
 * The SOAP web service connector: a backend submits, follows and pulls its messages over SOAP
 * with MTOM payloads (WSDL {@code wsdl/backend-service.wsdl} in the schemas module, whose schema
 * the message classes {@code org.imigateway.schemas.backend.pull} are generated from). The service
 * is Apache CXF's JAX-WS frontend published through the JAX-WS HTTP SPI on a Jetty core
 * connector of its own, behind HTTP basic authentication per backend. In push mode
 * ({@link org.imigateway.connectors.ws.WebServicePushConnector}) the gateway is also a CXF client
 * of the backend's own service ({@code wsdl/backend-push.wsdl}).
 */
package org.imigateway.connectors.ws;
