package org.imigateway.connectors.ws;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import jakarta.jws.WebService;
import jakarta.xml.ws.soap.MTOM;

import org.imigateway.connectors.BackendPort;
import org.imigateway.connectors.Delivery;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.connectors.MessageState;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;
import org.imigateway.connectors.SubmissionError;
import org.imigateway.connectors.SubmissionException;
import org.imigateway.connectors.fs.DurableFiles;
import org.imigateway.schemas.backend.pull.ErrorDetail;
import org.imigateway.schemas.backend.pull.GetErrors;
import org.imigateway.schemas.backend.pull.GetErrorsResponse;
import org.imigateway.schemas.backend.pull.GetStatus;
import org.imigateway.schemas.backend.pull.GetStatusResponse;
import org.imigateway.schemas.backend.pull.ListPendingMessages;
import org.imigateway.schemas.backend.pull.ListPendingMessagesResponse;
import org.imigateway.schemas.backend.pull.MarkDownloaded;
import org.imigateway.schemas.backend.pull.MarkDownloadedResponse;
import org.imigateway.schemas.backend.pull.Property;
import org.imigateway.schemas.backend.pull.RetrieveMessage;
import org.imigateway.schemas.backend.pull.RetrieveMessageResponse;
import org.imigateway.schemas.backend.pull.SubmitMessage;
import org.imigateway.schemas.backend.pull.SubmitMessageResponse;

/**
 * The web service of one backend, over its scoped port: a MessageId of another backend is
 * answered exactly as one that does not exist.
 */
@WebService(endpointInterface = "org.imigateway.connectors.ws.BackendService", serviceName = "BackendService",
        portName = "BackendServicePort", targetNamespace = BackendService.NS)
@MTOM
public class BackendServiceImpl implements BackendService {

    /** ebMS code for metadata that is missing or malformed (ValueInconsistent is 0003, this is 0009). */
    static final String INVALID_HEADER = "EBMS:0009";
    static final String UNKNOWN = "EBMS:0004";

    private final BackendPort port;
    private final Path work;

    public BackendServiceImpl(BackendPort port, Path work) {
        this.port = port;
        this.work = work;
    }

    @Override
    public SubmitMessageResponse submitMessage(SubmitMessage request) throws BackendFault {
        Path folder = work.resolve(UUID.randomUUID().toString());
        try {
            Files.createDirectories(folder);
            Submission submission = submission(request, folder);
            SubmitMessageResponse response = new SubmitMessageResponse();
            response.setMessageId(port.submit(submission));
            return response;
        } catch (SubmissionException e) {
            throw BackendFault.of(e.errorCode(), e.getMessage());
        } catch (IOException e) {
            throw BackendFault.of(UNKNOWN, "the payloads cannot be stored: " + e.getMessage());
        } finally {
            // The gateway has copied the payloads into its MIME body (or refused them): ours can go.
            deleteQuietly(folder);
        }
    }

    private static void deleteQuietly(Path folder) {
        try {
            DurableFiles.deleteTree(folder);
        } catch (IOException e) {
            // A leftover work folder holds nothing the gateway still needs; the next start may clear it.
        }
    }

    private static Submission submission(SubmitMessage request, Path folder) throws BackendFault, IOException {
        Submission.Builder builder = addressed(request).action(required("action", request.getAction()));
        String service = required("service", request.getService());
        if (request.getServiceType() == null) {
            builder.service(service);
        } else {
            builder.service(service, request.getServiceType());
        }
        optional(request.getSubmissionId()).ifPresent(builder::submissionId);
        optional(request.getConversationId()).ifPresent(builder::conversationId);
        optional(request.getRefToMessageId()).ifPresent(builder::refToMessageId);
        for (Property property : request.getProperty()) {
            builder.property(property("property", property));
        }
        for (int i = 0; i < request.getPayload().size(); i++) {
            builder.payload(payload(request.getPayload().get(i), i + 1, folder));
        }
        return builder.build();
    }

    /** To a PMode party ({@code toParty}), or to a participant found by discovery ({@code participant}). */
    private static Submission.Builder addressed(SubmitMessage request) throws BackendFault {
        Optional<String> participant = optional(request.getParticipant());
        if (participant.isEmpty()) {
            return Submission.to(required("toParty", request.getToParty()));
        }
        if (optional(request.getToParty()).isPresent()) {
            throw BackendFault.of(INVALID_HEADER, "toParty and participant are both given; name a PMode party or a"
                    + " participant, not both");
        }
        return Submission.toParticipant(participant.get(), required("documentType", request.getDocumentType()),
                required("process", request.getProcess()));
    }

    private static Payload payload(org.imigateway.schemas.backend.pull.Payload wire, int number, Path folder) throws BackendFault, IOException {
        String field = "payload[" + number + "]";
        String mimeType = required(field + ".mimeType", wire.getMimeType());
        if (wire.getContent() == null) {
            throw BackendFault.of(INVALID_HEADER, field + ".content is missing");
        }
        Path file = folder.resolve("payload-" + number);
        try (InputStream in = wire.getContent().getInputStream()) {
            Files.copy(in, file);
        }
        List<MessageProperty> properties = new ArrayList<>();
        for (Property property : wire.getProperty()) {
            properties.add(property(field + ".property", property));
        }
        return new Payload(file, mimeType, optional(wire.getCharacterSet()), properties);
    }

    private static MessageProperty property(String field, Property wire) throws BackendFault {
        String name = required(field + ".name", wire.getName());
        return new MessageProperty(name, required(field + " '" + name + "' value", wire.getValue()), optional(wire.getType()));
    }

    private static String required(String field, String value) throws BackendFault {
        if (value == null || value.isBlank()) {
            throw BackendFault.of(INVALID_HEADER, field + " is required and missing");
        }
        return value.trim();
    }

    private static Optional<String> optional(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    @Override
    public ListPendingMessagesResponse listPendingMessages(ListPendingMessages request) {
        ListPendingMessagesResponse response = new ListPendingMessagesResponse();
        response.getMessageId().addAll(port.pending());
        return response;
    }

    @Override
    public RetrieveMessageResponse retrieveMessage(RetrieveMessage request) throws BackendFault {
        String messageId = required("messageId", request.getMessageId());
        Delivery delivery = port.retrieve(messageId).orElseThrow(() -> unknown(messageId));
        RetrieveMessageResponse response = new RetrieveMessageResponse();
        response.setMessageId(delivery.messageId());
        response.setConversationId(delivery.conversationId());
        response.setRefToMessageId(delivery.refToMessageId().orElse(null));
        response.setTimestamp(delivery.timestamp().toString());
        response.setFromParty(delivery.fromPartyId());
        response.setToParty(delivery.toPartyId());
        response.setService(delivery.service());
        response.setServiceType(delivery.serviceType().orElse(null));
        response.setAction(delivery.action());
        delivery.properties().forEach(p -> response.getProperty().add(wire(p)));
        for (Payload payload : delivery.payloads()) {
            org.imigateway.schemas.backend.pull.Payload part = new org.imigateway.schemas.backend.pull.Payload();
            part.setMimeType(payload.mimeType());
            part.setCharacterSet(payload.characterSet().orElse(null));
            payload.properties().forEach(p -> part.getProperty().add(wire(p)));
            FileDataSource source = new FileDataSource(payload.file().toFile());
            source.setFileTypeMap(new jakarta.activation.MimetypesFileTypeMap() {
                @Override
                public String getContentType(String filename) {
                    return payload.mimeType();
                }
            });
            part.setContent(new DataHandler(source));
            response.getPayload().add(part);
        }
        return response;
    }

    @Override
    public MarkDownloadedResponse markDownloaded(MarkDownloaded request) throws BackendFault {
        String messageId = required("messageId", request.getMessageId());
        if (port.retrieve(messageId).isEmpty()) {
            throw unknown(messageId);
        }
        MarkDownloadedResponse response = new MarkDownloadedResponse();
        response.setMarked(port.markDownloaded(messageId));
        return response;
    }

    @Override
    public GetStatusResponse getStatus(GetStatus request) throws BackendFault {
        String id = required("id", request.getId());
        MessageState state = port.status(id).orElseThrow(() -> unknown(id));
        GetStatusResponse response = new GetStatusResponse();
        response.setMessageId(state.messageId());
        response.setDirection(state.direction());
        response.setStatus(state.status());
        response.setError(state.error().map(BackendServiceImpl::wire).orElse(null));
        return response;
    }

    @Override
    public GetErrorsResponse getErrors(GetErrors request) {
        GetErrorsResponse response = new GetErrorsResponse();
        if (request.getId() != null) {
            port.errors(request.getId().trim()).forEach(e -> response.getError().add(wire(e)));
        }
        return response;
    }

    private BackendFault unknown(String messageId) {
        return BackendFault.of("EBMS:0004", "messageId '" + messageId + "' is not known to backend '"
                + port.backend() + "'");
    }

    private static Property wire(MessageProperty property) {
        Property wire = new Property();
        wire.setName(property.name());
        wire.setValue(property.value());
        wire.setType(property.type().orElse(null));
        return wire;
    }

    private static ErrorDetail wire(SubmissionError error) {
        ErrorDetail wire = new ErrorDetail();
        wire.setSubmissionId(error.submissionId().orElse(null));
        wire.setMessageId(error.messageId().orElse(null));
        wire.setErrorCode(error.errorCode());
        wire.setDetail(error.detail());
        wire.setTime(error.time().toString());
        return wire;
    }
}
