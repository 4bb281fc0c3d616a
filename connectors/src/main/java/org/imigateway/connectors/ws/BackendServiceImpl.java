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
import org.imigateway.connectors.ws.WsMessages.GetErrors;
import org.imigateway.connectors.ws.WsMessages.GetErrorsResponse;
import org.imigateway.connectors.ws.WsMessages.GetStatus;
import org.imigateway.connectors.ws.WsMessages.GetStatusResponse;
import org.imigateway.connectors.ws.WsMessages.ListPendingMessages;
import org.imigateway.connectors.ws.WsMessages.ListPendingMessagesResponse;
import org.imigateway.connectors.ws.WsMessages.MarkDownloaded;
import org.imigateway.connectors.ws.WsMessages.MarkDownloadedResponse;
import org.imigateway.connectors.ws.WsMessages.RetrieveMessage;
import org.imigateway.connectors.ws.WsMessages.RetrieveMessageResponse;
import org.imigateway.connectors.ws.WsMessages.SubmitMessage;
import org.imigateway.connectors.ws.WsMessages.SubmitMessageResponse;

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
            response.messageId = port.submit(submission);
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
        Submission.Builder builder = Submission.to(required("toParty", request.toParty))
                .action(required("action", request.action));
        String service = required("service", request.service);
        if (request.serviceType == null) {
            builder.service(service);
        } else {
            builder.service(service, request.serviceType);
        }
        optional(request.submissionId).ifPresent(builder::submissionId);
        optional(request.conversationId).ifPresent(builder::conversationId);
        optional(request.refToMessageId).ifPresent(builder::refToMessageId);
        for (WsMessages.Property property : request.property) {
            builder.property(property("property", property));
        }
        for (int i = 0; i < request.payload.size(); i++) {
            builder.payload(payload(request.payload.get(i), i + 1, folder));
        }
        return builder.build();
    }

    private static Payload payload(WsMessages.Payload wire, int number, Path folder) throws BackendFault, IOException {
        String field = "payload[" + number + "]";
        String mimeType = required(field + ".mimeType", wire.mimeType);
        if (wire.content == null) {
            throw BackendFault.of(INVALID_HEADER, field + ".content is missing");
        }
        Path file = folder.resolve("payload-" + number);
        try (InputStream in = wire.content.getInputStream()) {
            Files.copy(in, file);
        }
        List<MessageProperty> properties = new ArrayList<>();
        for (WsMessages.Property property : wire.property) {
            properties.add(property(field + ".property", property));
        }
        return new Payload(file, mimeType, optional(wire.characterSet), properties);
    }

    private static MessageProperty property(String field, WsMessages.Property wire) throws BackendFault {
        String name = required(field + ".name", wire.name);
        return new MessageProperty(name, required(field + " '" + name + "' value", wire.value), optional(wire.type));
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
        response.messageId.addAll(port.pending());
        return response;
    }

    @Override
    public RetrieveMessageResponse retrieveMessage(RetrieveMessage request) throws BackendFault {
        String messageId = required("messageId", request.messageId);
        Delivery delivery = port.retrieve(messageId).orElseThrow(() -> unknown(messageId));
        RetrieveMessageResponse response = new RetrieveMessageResponse();
        response.messageId = delivery.messageId();
        response.conversationId = delivery.conversationId();
        response.refToMessageId = delivery.refToMessageId().orElse(null);
        response.timestamp = delivery.timestamp().toString();
        response.fromParty = delivery.fromPartyId();
        response.toParty = delivery.toPartyId();
        response.service = delivery.service();
        response.serviceType = delivery.serviceType().orElse(null);
        response.action = delivery.action();
        delivery.properties().forEach(p -> response.property.add(wire(p)));
        for (Payload payload : delivery.payloads()) {
            WsMessages.Payload part = new WsMessages.Payload();
            part.mimeType = payload.mimeType();
            part.characterSet = payload.characterSet().orElse(null);
            payload.properties().forEach(p -> part.property.add(wire(p)));
            FileDataSource source = new FileDataSource(payload.file().toFile());
            source.setFileTypeMap(new jakarta.activation.MimetypesFileTypeMap() {
                @Override
                public String getContentType(String filename) {
                    return payload.mimeType();
                }
            });
            part.content = new DataHandler(source);
            response.payload.add(part);
        }
        return response;
    }

    @Override
    public MarkDownloadedResponse markDownloaded(MarkDownloaded request) throws BackendFault {
        String messageId = required("messageId", request.messageId);
        if (port.retrieve(messageId).isEmpty()) {
            throw unknown(messageId);
        }
        MarkDownloadedResponse response = new MarkDownloadedResponse();
        response.marked = port.markDownloaded(messageId);
        return response;
    }

    @Override
    public GetStatusResponse getStatus(GetStatus request) throws BackendFault {
        String id = required("id", request.id);
        MessageState state = port.status(id).orElseThrow(() -> unknown(id));
        GetStatusResponse response = new GetStatusResponse();
        response.messageId = state.messageId();
        response.direction = state.direction();
        response.status = state.status();
        response.error = state.error().map(BackendServiceImpl::wire).orElse(null);
        return response;
    }

    @Override
    public GetErrorsResponse getErrors(GetErrors request) {
        GetErrorsResponse response = new GetErrorsResponse();
        if (request.id != null) {
            port.errors(request.id.trim()).forEach(e -> response.error.add(wire(e)));
        }
        return response;
    }

    private BackendFault unknown(String messageId) {
        return BackendFault.of("EBMS:0004", "messageId '" + messageId + "' is not known to backend '"
                + port.backend() + "'");
    }

    private static WsMessages.Property wire(MessageProperty property) {
        WsMessages.Property wire = new WsMessages.Property();
        wire.name = property.name();
        wire.value = property.value();
        wire.type = property.type().orElse(null);
        return wire;
    }

    private static WsMessages.Error wire(SubmissionError error) {
        WsMessages.Error wire = new WsMessages.Error();
        wire.submissionId = error.submissionId().orElse(null);
        wire.messageId = error.messageId().orElse(null);
        wire.errorCode = error.errorCode();
        wire.detail = error.detail();
        wire.time = error.time().toString();
        return wire;
    }
}
