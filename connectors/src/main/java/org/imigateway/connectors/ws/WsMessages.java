package org.imigateway.connectors.ws;

import java.util.ArrayList;
import java.util.List;

import jakarta.activation.DataHandler;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlMimeType;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/**
 * The XML of the backend web service, one class per element of the WSDL. These are wire types:
 * optional elements are null when absent, and {@link BackendServiceImpl} turns them into the
 * port's records at once.
 */
public final class WsMessages {

    private WsMessages() {
    }

    @XmlType(name = "Property")
    public static class Property {
        @XmlElement(required = true)
        public String name;
        @XmlElement(required = true)
        public String value;
        public String type;
    }

    /** One payload; {@code content} travels as an MTOM attachment. */
    @XmlType(name = "Payload")
    public static class Payload {
        @XmlElement(required = true)
        public String mimeType;
        public String characterSet;
        public List<Property> property = new ArrayList<>();
        @XmlElement(required = true)
        @XmlMimeType("application/octet-stream")
        public DataHandler content;
    }

    @XmlType(name = "Error")
    public static class Error {
        public String submissionId;
        public String messageId;
        @XmlElement(required = true)
        public String errorCode;
        @XmlElement(required = true)
        public String detail;
        @XmlElement(required = true)
        public String time;
    }

    @XmlRootElement(name = "backendFault")
    @XmlType(name = "BackendFault")
    public static class FaultDetail {
        @XmlElement(required = true)
        public String errorCode;
        @XmlElement(required = true)
        public String detail;
    }

    @XmlRootElement(name = "submitMessage")
    @XmlType(name = "SubmitMessage")
    public static class SubmitMessage {
        /** The backend's own id: a resubmission under it sends nothing new. */
        public String submissionId;
        @XmlElement(required = true)
        public String toParty;
        @XmlElement(required = true)
        public String service;
        public String serviceType;
        @XmlElement(required = true)
        public String action;
        public String conversationId;
        public String refToMessageId;
        public List<Property> property = new ArrayList<>();
        public List<Payload> payload = new ArrayList<>();
    }

    @XmlRootElement(name = "submitMessageResponse")
    @XmlType(name = "SubmitMessageResponse")
    public static class SubmitMessageResponse {
        @XmlElement(required = true)
        public String messageId;
    }

    @XmlRootElement(name = "listPendingMessages")
    @XmlType(name = "ListPendingMessages")
    public static class ListPendingMessages {
    }

    @XmlRootElement(name = "listPendingMessagesResponse")
    @XmlType(name = "ListPendingMessagesResponse")
    public static class ListPendingMessagesResponse {
        public List<String> messageId = new ArrayList<>();
    }

    @XmlRootElement(name = "retrieveMessage")
    @XmlType(name = "RetrieveMessage")
    public static class RetrieveMessage {
        @XmlElement(required = true)
        public String messageId;
    }

    @XmlRootElement(name = "retrieveMessageResponse")
    @XmlType(name = "RetrieveMessageResponse")
    public static class RetrieveMessageResponse {
        @XmlElement(required = true)
        public String messageId;
        @XmlElement(required = true)
        public String conversationId;
        public String refToMessageId;
        @XmlElement(required = true)
        public String timestamp;
        @XmlElement(required = true)
        public String fromParty;
        @XmlElement(required = true)
        public String toParty;
        @XmlElement(required = true)
        public String service;
        public String serviceType;
        @XmlElement(required = true)
        public String action;
        public List<Property> property = new ArrayList<>();
        public List<Payload> payload = new ArrayList<>();
    }

    @XmlRootElement(name = "markDownloaded")
    @XmlType(name = "MarkDownloaded")
    public static class MarkDownloaded {
        @XmlElement(required = true)
        public String messageId;
    }

    @XmlRootElement(name = "markDownloadedResponse")
    @XmlType(name = "MarkDownloadedResponse")
    public static class MarkDownloadedResponse {
        /** False when the message was already marked. */
        public boolean marked;
    }

    @XmlRootElement(name = "getStatus")
    @XmlType(name = "GetStatus")
    public static class GetStatus {
        /** A submissionId or a MessageId. */
        @XmlElement(required = true)
        public String id;
    }

    @XmlRootElement(name = "getStatusResponse")
    @XmlType(name = "GetStatusResponse")
    public static class GetStatusResponse {
        @XmlElement(required = true)
        public String messageId;
        @XmlElement(required = true)
        public String direction;
        @XmlElement(required = true)
        public String status;
        public Error error;
    }

    @XmlRootElement(name = "getErrors")
    @XmlType(name = "GetErrors")
    public static class GetErrors {
        @XmlElement(required = true)
        public String id;
    }

    @XmlRootElement(name = "getErrorsResponse")
    @XmlType(name = "GetErrorsResponse")
    public static class GetErrorsResponse {
        public List<Error> error = new ArrayList<>();
    }
}
