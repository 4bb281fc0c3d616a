package org.imigateway.connectors.ws;

import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;
import jakarta.jws.soap.SOAPBinding;

import org.imigateway.schemas.backend.push.DeliverMessage;
import org.imigateway.schemas.backend.push.DeliverMessageResponse;
import org.imigateway.schemas.backend.push.SendFailure;
import org.imigateway.schemas.backend.push.SendFailureResponse;
import org.imigateway.schemas.backend.push.SendSuccess;
import org.imigateway.schemas.backend.push.SendSuccessResponse;

/**
 * The service a backend serves in push mode ({@code schemas/.../wsdl/backend-push.wsdl}); the
 * gateway is its client. The messages are the classes generated from {@code backend-push.xsd}.
 * A call that returns normally means the backend has it; any fault or transport error makes the
 * gateway call again later with the same MessageId.
 */
@WebService(name = "BackendPushService", targetNamespace = BackendPushService.NS)
@SOAPBinding(style = SOAPBinding.Style.DOCUMENT, use = SOAPBinding.Use.LITERAL,
        parameterStyle = SOAPBinding.ParameterStyle.BARE)
public interface BackendPushService {

    String NS = "urn:imigateway:backend:push:1";

    /** A received message for the backend, payloads as MTOM attachments. */
    @WebMethod(action = "deliverMessage")
    @WebResult(name = "deliverMessageResponse", targetNamespace = NS, partName = "result")
    DeliverMessageResponse deliverMessage(
            @WebParam(name = "deliverMessage", targetNamespace = NS, partName = "request") DeliverMessage request);

    /** A message the backend submitted was acknowledged by the receiving access point. */
    @WebMethod(action = "sendSuccess")
    @WebResult(name = "sendSuccessResponse", targetNamespace = NS, partName = "result")
    SendSuccessResponse sendSuccess(
            @WebParam(name = "sendSuccess", targetNamespace = NS, partName = "request") SendSuccess request);

    /** The gateway gave up on a message the backend submitted. */
    @WebMethod(action = "sendFailure")
    @WebResult(name = "sendFailureResponse", targetNamespace = NS, partName = "result")
    SendFailureResponse sendFailure(
            @WebParam(name = "sendFailure", targetNamespace = NS, partName = "request") SendFailure request);
}
