/**
 * The SOAP web service connector: a backend submits, follows and pulls its messages over SOAP
 * with MTOM payloads (WSDL {@code wsdl/backend-service.wsdl} in the schemas module). The service
 * is Apache CXF's JAX-WS frontend published through the JAX-WS HTTP SPI on a Jetty core
 * connector of its own, behind HTTP basic authentication per backend. In push mode
 * ({@link org.imigateway.connectors.ws.WebServicePushConnector}) the gateway is also a CXF client
 * of the backend's own service ({@code wsdl/backend-push.wsdl}).
 */
@XmlSchema(namespace = BackendService.NS, elementFormDefault = XmlNsForm.QUALIFIED)
@XmlAccessorType(XmlAccessType.FIELD)
package org.imigateway.connectors.ws;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlNsForm;
import jakarta.xml.bind.annotation.XmlSchema;
