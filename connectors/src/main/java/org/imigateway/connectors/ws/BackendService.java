package org.imigateway.connectors.ws;

import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;
import jakarta.jws.soap.SOAPBinding;

import org.imigateway.schemas.backend.pull.GetErrors;
import org.imigateway.schemas.backend.pull.GetErrorsResponse;
import org.imigateway.schemas.backend.pull.GetStatus;
import org.imigateway.schemas.backend.pull.GetStatusResponse;
import org.imigateway.schemas.backend.pull.ListPendingMessages;
import org.imigateway.schemas.backend.pull.ListPendingMessagesResponse;
import org.imigateway.schemas.backend.pull.MarkDownloaded;
import org.imigateway.schemas.backend.pull.MarkDownloadedResponse;
import org.imigateway.schemas.backend.pull.RetrieveMessage;
import org.imigateway.schemas.backend.pull.RetrieveMessageResponse;
import org.imigateway.schemas.backend.pull.SubmitMessage;
import org.imigateway.schemas.backend.pull.SubmitMessageResponse;

/**
 * The gateway's web service for one backend (pull mode). Document/literal with one element per
 * request and response, so the WSDL reads like the operations and no wrapper classes are made
 * at run time; the messages are the classes generated from the schema inside
 * {@code wsdl/backend-service.wsdl} (schemas module). Every call is scoped to the authenticated backend.
 */
@WebService(name = "BackendService", targetNamespace = BackendService.NS)
@SOAPBinding(style = SOAPBinding.Style.DOCUMENT, use = SOAPBinding.Use.LITERAL,
        parameterStyle = SOAPBinding.ParameterStyle.BARE)
public interface BackendService {

    String NS = "urn:imigateway:backend:1";

    /** Sends a message; the same submissionId again returns the first MessageId and sends nothing. */
    @WebMethod(action = "submitMessage")
    @WebResult(name = "submitMessageResponse", targetNamespace = NS, partName = "result")
    SubmitMessageResponse submitMessage(
            @WebParam(name = "submitMessage", targetNamespace = NS, partName = "request") SubmitMessage request)
            throws BackendFault;

    /** MessageIds delivered to this backend and not yet marked downloaded, oldest first. */
    @WebMethod(action = "listPendingMessages")
    @WebResult(name = "listPendingMessagesResponse", targetNamespace = NS, partName = "result")
    ListPendingMessagesResponse listPendingMessages(@WebParam(name = "listPendingMessages", targetNamespace = NS,
            partName = "request") ListPendingMessages request);

    /** One delivered message with its payloads (MTOM); a fault for any MessageId not this backend's. */
    @WebMethod(action = "retrieveMessage")
    @WebResult(name = "retrieveMessageResponse", targetNamespace = NS, partName = "result")
    RetrieveMessageResponse retrieveMessage(
            @WebParam(name = "retrieveMessage", targetNamespace = NS, partName = "request") RetrieveMessage request)
            throws BackendFault;

    @WebMethod(action = "markDownloaded")
    @WebResult(name = "markDownloadedResponse", targetNamespace = NS, partName = "result")
    MarkDownloadedResponse markDownloaded(
            @WebParam(name = "markDownloaded", targetNamespace = NS, partName = "request") MarkDownloaded request)
            throws BackendFault;

    /** Where a submission (by submissionId or MessageId) or a delivered message stands. */
    @WebMethod(action = "getStatus")
    @WebResult(name = "getStatusResponse", targetNamespace = NS, partName = "result")
    GetStatusResponse getStatus(@WebParam(name = "getStatus", targetNamespace = NS, partName = "request")
            GetStatus request) throws BackendFault;

    /** The refusal or send failure of a submission; empty when none or the id is not this backend's. */
    @WebMethod(action = "getErrors")
    @WebResult(name = "getErrorsResponse", targetNamespace = NS, partName = "result")
    GetErrorsResponse getErrors(@WebParam(name = "getErrors", targetNamespace = NS, partName = "request")
            GetErrors request);
}
