package org.imigateway.ops;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartFormData;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.imigateway.as4.WorkFolders;
import org.imigateway.connectors.GatewayPort;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;
import org.imigateway.connectors.SubmissionException;
import org.imigateway.store.Direction;
import org.imigateway.store.MessageLog;
import org.imigateway.store.MessageRecord;
import org.imigateway.text.Untrusted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operators submit to a running gateway here, as {@code imi-gateway send --url} does:
 * <pre>
 *   POST /submit/v1/messages              multipart/form-data: to, service, serviceType, action,
 *                                         conversationId, messageId, property (name=value, repeatable),
 *                                         payload (a file part each, its Content-Type the MIME type)
 *                                         → 202, body {@link MessageReport} of the MessageId + Location
 *   GET  /submit/v1/messages?id=&lt;MessageId&gt; → 200 {@link MessageReport} (status and history), 404 unknown
 * </pre>
 * In this order, each before anything is stored: 401 without a known operator token
 * ({@code Authorization: Bearer}), 415 unless multipart/form-data, 413 over {@code submit.maxBytes}
 * (announced or counted while reading), 400 a field missing or malformed, 422 a submission the
 * gateway refuses (no PMode leg, payload not allowed: the ebMS code and detail). An accepted
 * submission has gone the durable submit path (prepared, committed as SEND_ENQUEUED, queued)
 * before the 202.
 */
public final class SubmitEndpoint extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(SubmitEndpoint.class);

    public static final String MESSAGES = "/submit/v1/messages";
    private static final int MAX_PARTS = 128;
    /** Fields are short header values; anything longer is not one. */
    private static final int MAX_FIELD_BYTES = 8192;

    private final OperatorTokens tokens;
    private final GatewayPort gateway;
    private final MessageLog log;
    private final long maxBytes;
    private final Path work;

    /** @param work where uploads are spooled until the submission is prepared */
    public SubmitEndpoint(OperatorTokens tokens, GatewayPort gateway, MessageLog log, long maxBytes, Path work) {
        this.tokens = tokens;
        this.gateway = gateway;
        this.log = log;
        this.maxBytes = maxBytes;
        this.work = work;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!MESSAGES.equals(Request.getPathInContext(request))) {
            return false;
        }
        Optional<String> operator = operator(request);
        if (operator.isEmpty()) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"imi-gateway submit\"");
            refuseUnread(response, callback, HttpStatus.UNAUTHORIZED_401,
                    "send Authorization: Bearer <token> with an operator token (submit.token.<operator>)");
            return true;
        }
        switch (request.getMethod()) {
            case "POST" -> submit(request, response, callback, operator.get());
            case "GET" -> status(request, response, callback);
            default -> {
                response.getHeaders().put(HttpHeader.ALLOW, "POST, GET");
                refuseUnread(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405,
                        "POST " + MESSAGES + " submits, GET " + MESSAGES + "?id=<MessageId> reports");
            }
        }
        return true;
    }

    private void submit(Request request, Response response, Callback callback, String operator) throws IOException {
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        String boundary = contentType == null ? null : MultiPart.extractBoundary(contentType);
        if (boundary == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            refuseUnread(response, callback, HttpStatus.UNSUPPORTED_MEDIA_TYPE_415,
                    "send the submission as multipart/form-data with a boundary");
            return;
        }
        if (request.getLength() > maxBytes) {
            refuseUnread(response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413, tooLarge());
            return;
        }
        Path folder = Files.createDirectories(work.resolve(UUID.randomUUID().toString()));
        try (MultiPartFormData.Parts parts = parse(request, boundary, folder)) {
            Submission submission = submission(parts, folder);
            String id = gateway.submit(submission);
            LOG.info("submission by operator {} accepted as message {}", operator, id);
            response.getHeaders().put(HttpHeader.LOCATION, location(id));
            answer(response, callback, HttpStatus.ACCEPTED_202, MessageReport.accepted(id).text());
        } catch (TooLarge e) {
            refuseUnread(response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413, tooLarge());
        } catch (BadField e) {
            refuseUnread(response, callback, HttpStatus.BAD_REQUEST_400, e.getMessage());
        } catch (SubmissionException e) {
            LOG.info("submission by operator {} refused: {} {}", operator, e.errorCode(), Untrusted.inLog(e.getMessage()));
            answer(response, callback, HttpStatus.UNPROCESSABLE_ENTITY_422, e.errorCode() + " "
                    + oneLine(e.getMessage()) + "\n");
        } finally {
            WorkFolders.deleteQuietly(folder);
        }
    }

    private MultiPartFormData.Parts parse(Request request, String boundary, Path folder) throws IOException, TooLarge, BadField {
        MultiPartFormData.Parser parser = new MultiPartFormData.Parser(boundary);
        parser.setFilesDirectory(folder);
        parser.setMaxLength(maxBytes);
        parser.setMaxParts(MAX_PARTS);
        parser.setMaxMemoryFileSize(MAX_FIELD_BYTES);
        try {
            return parser.parse(request).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the submission", e);
        } catch (ExecutionException e) {
            String why = String.valueOf(e.getCause().getMessage());
            if (why.startsWith("max length exceeded")) {
                throw new TooLarge();
            }
            throw new BadField("the multipart body cannot be read: " + oneLine(why));
        }
    }

    private static Submission submission(MultiPartFormData.Parts parts, Path folder) throws IOException, BadField {
        Optional<String> participant = field(parts, "participant");
        if (participant.isPresent() && field(parts, "to").isPresent()) {
            throw new BadField("the fields 'to' and 'participant' are both given; name a PMode party or a participant");
        }
        Submission.Builder builder = participant.isPresent()
                ? Submission.toParticipant(participant.get(), required(parts, "documentType"), required(parts, "process"))
                : Submission.to(required(parts, "to"));
        Optional<String> serviceType = field(parts, "serviceType");
        String service = required(parts, "service");
        if (serviceType.isPresent()) {
            builder.service(service, serviceType.get());
        } else {
            builder.service(service);
        }
        builder.action(required(parts, "action"));
        field(parts, "conversationId").ifPresent(builder::conversationId);
        field(parts, "messageId").ifPresent(builder::messageId);
        for (MultiPart.Part part : parts.getAll("property")) {
            String property = text(part);
            int eq = property.indexOf('=');
            if (eq <= 0) {
                throw new BadField("property '" + Untrusted.inLog(property) + "' is not name=value");
            }
            builder.property(MessageProperty.of(property.substring(0, eq), property.substring(eq + 1)));
        }
        List<MultiPart.Part> payloads = parts.getAll("payload");
        if (payloads.isEmpty()) {
            throw new BadField("no payload: send each file as a part named 'payload' with its Content-Type");
        }
        int n = 0;
        for (MultiPart.Part part : payloads) {
            String name = part.getFileName() == null ? "payload " + (n + 1) : part.getFileName();
            String type = part.getHeaders().get(HttpHeader.CONTENT_TYPE);
            if (type == null || type.isBlank()) {
                throw new BadField("payload '" + Untrusted.inLog(name) + "' has no Content-Type (its MIME type)");
            }
            Path file = folder.resolve("payload-" + n++);
            part.writeTo(file);
            builder.payload(Payload.of(file, type.trim()));
        }
        return builder.build();
    }

    private void status(Request request, Response response, Callback callback) {
        Optional<String> id = queryId(request.getHttpURI().getQuery());
        if (id.isEmpty()) {
            answer(response, callback, HttpStatus.BAD_REQUEST_400, "name the message: " + MESSAGES + "?id=<MessageId>\n");
            return;
        }
        Optional<MessageRecord> record = log.find(id.get(), Direction.OUTBOUND)
                .or(() -> log.find(id.get(), Direction.INBOUND));
        if (record.isEmpty()) {
            answer(response, callback, HttpStatus.NOT_FOUND_404, "no message has MessageId " + oneLine(id.get()) + "\n");
            return;
        }
        MessageRecord found = record.get();
        answer(response, callback, HttpStatus.OK_200,
                MessageReport.of(found, log.history(found.messageId(), found.direction())).text());
    }

    static String location(String messageId) {
        return MESSAGES + "?id=" + java.net.URLEncoder.encode(messageId, StandardCharsets.UTF_8);
    }

    private static Optional<String> queryId(String query) {
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("id=") && pair.length() > 3) {
                return Optional.of(URLDecoder.decode(pair.substring(3), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    private Optional<String> operator(Request request) {
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? Optional.empty() : tokens.operator(token);
    }

    private static String required(MultiPartFormData.Parts parts, String name) throws BadField {
        return field(parts, name).orElseThrow(() -> new BadField("the field '" + name + "' is missing"));
    }

    private static Optional<String> field(MultiPartFormData.Parts parts, String name) throws BadField {
        MultiPart.Part part = parts.getFirst(name);
        if (part == null) {
            return Optional.empty();
        }
        String value = text(part).trim();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static String text(MultiPart.Part part) throws BadField {
        if (part.getLength() > MAX_FIELD_BYTES) {
            throw new BadField("the field '" + part.getName() + "' is longer than " + MAX_FIELD_BYTES + " bytes");
        }
        return part.getContentAsString(StandardCharsets.UTF_8);
    }

    private String tooLarge() {
        return "the submission is larger than submit.maxBytes=" + maxBytes + " bytes\n";
    }

    private static String oneLine(String text) {
        return Untrusted.escaped(text);
    }

    /** A refusal before the body was read to its end: the connection closes, so nothing unread is taken for a request. */
    private static void refuseUnread(Response response, Callback callback, int status, String text) {
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        answer(response, callback, status, text.endsWith("\n") ? text : text + "\n");
    }

    private static void answer(Response response, Callback callback, int status, String text) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.write(true, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), callback);
    }

    private static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;
    }

    private static final class BadField extends Exception {
        private static final long serialVersionUID = 1L;

        BadField(String message) {
            super(message);
        }
    }
}
