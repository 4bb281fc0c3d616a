package org.imigateway.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;

import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;
import org.imigateway.ops.MessageReport;
import org.imigateway.ops.PinnedTrust;
import org.imigateway.ops.SubmitEndpoint;

/**
 * The commands' client of a running gateway's submission endpoint: HTTPS to exactly the
 * gateway's own TLS certificate (nothing, not even the token, goes to another), the operator
 * token as a bearer token, a submission as multipart/form-data streamed from the files.
 */
final class RemoteGateway {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final URI messages;
    private final HttpClient http;
    private final String token;

    private RemoteGateway(URI messages, HttpClient http, String token) {
        this.messages = messages;
        this.http = http;
        this.token = token;
    }

    static RemoteGateway connect(URI base, X509Certificate gateway, String token) throws RemoteException {
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        try {
            HttpClient http = HttpClient.newBuilder()
                    .sslContext(new PinnedTrust(gateway, "the submission endpoint").context())
                    .sslParameters(parameters).connectTimeout(CONNECT_TIMEOUT).build();
            return new RemoteGateway(base.resolve(SubmitEndpoint.MESSAGES), http, token);
        } catch (GeneralSecurityException e) {
            throw new RemoteException("cannot set up TLS: " + e.getMessage());
        }
    }

    /** A submission as {@code send} takes it; each payload's file is streamed, not read into memory. */
    record Fields(String to, String service, String serviceType, String action, Optional<String> conversationId,
            Optional<String> messageId, List<String> properties, List<Payload> payloads,
            Optional<Submission.Recipient> recipient) {
    }

    /** Submits; the MessageId once the gateway has committed and queued the message. */
    String submit(Fields fields) throws RemoteException, Refused {
        String boundary = "imi-" + UUID.randomUUID();
        List<HttpRequest.BodyPublisher> body = new ArrayList<>();
        if (fields.recipient().isPresent()) {
            field(body, boundary, "participant", fields.recipient().get().participant());
            field(body, boundary, "documentType", fields.recipient().get().documentType());
            field(body, boundary, "process", fields.recipient().get().process());
        } else {
            field(body, boundary, "to", fields.to());
        }
        field(body, boundary, "service", fields.service());
        field(body, boundary, "serviceType", fields.serviceType());
        field(body, boundary, "action", fields.action());
        fields.conversationId().ifPresent(v -> field(body, boundary, "conversationId", v));
        fields.messageId().ifPresent(v -> field(body, boundary, "messageId", v));
        fields.properties().forEach(v -> field(body, boundary, "property", v));
        for (Payload payload : fields.payloads()) {
            String name = payload.file().getFileName().toString().replaceAll("[\"\\\\\r\n]", "_");
            body.add(text("--" + boundary + "\r\nContent-Disposition: form-data; name=\"payload\"; filename=\"" + name
                    + "\"\r\nContent-Type: " + payload.mimeType() + "\r\n\r\n"));
            body.add(file(payload.file()));
            body.add(text("\r\n"));
        }
        body.add(text("--" + boundary + "--\r\n"));
        HttpRequest request = authorized(HttpRequest.newBuilder(messages))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(body.toArray(HttpRequest.BodyPublisher[]::new))).build();
        HttpResponse<String> response = sendOrExplain(request);
        return switch (response.statusCode()) {
            case 202 -> MessageReport.parse(response.body()).messageId();
            case 422 -> throw new Refused(response.body().strip());
            default -> throw failure(response);
        };
    }

    /** Where a message stands, with its history; empty when the gateway knows no such MessageId. */
    Optional<MessageReport> status(String messageId) throws RemoteException {
        URI uri = URI.create(messages + "?id=" + URLEncoder.encode(messageId, StandardCharsets.UTF_8));
        HttpResponse<String> response = send(authorized(HttpRequest.newBuilder(uri)).GET().build());
        return switch (response.statusCode()) {
            case 200 -> Optional.of(MessageReport.parse(response.body()));
            case 404 -> Optional.empty();
            default -> throw failure(response);
        };
    }

    /**
     * The gateway answers a refused token or an announced size over its limit at once and closes the connection, so a
     * client still streaming the payload sees a broken pipe instead of the answer (Java 17's client cannot wait for
     * 100-continue). A cheap status request then tells which it was; nothing was stored either way.
     */
    private HttpResponse<String> sendOrExplain(HttpRequest submission) throws RemoteException {
        try {
            return send(submission);
        } catch (RemoteException broken) {
            URI probe = URI.create(messages + "?id=" + URLEncoder.encode("probe-" + UUID.randomUUID(), StandardCharsets.UTF_8));
            HttpResponse<String> answer;
            try {
                answer = send(authorized(HttpRequest.newBuilder(probe)).GET().build());
            } catch (RemoteException unreachable) {
                throw broken;
            }
            if (answer.statusCode() == 401 || answer.statusCode() == 403) {
                throw failure(answer);
            }
            throw new RemoteException(broken.getMessage() + " (the gateway closes the connection on a submission over its"
                    + " submit.maxBytes; nothing was stored)");
        }
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return request.header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(10));
    }

    private HttpResponse<String> send(HttpRequest request) throws RemoteException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteException("interrupted while talking to " + messages);
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new RemoteException("nothing answers at " + origin() + " (is the gateway running, with submit.port"
                    + " in its gateway.properties?)" + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (SSLHandshakeException e) {
            throw new RemoteException("refused to talk to " + origin() + ", nothing was sent: " + rootMessage(e));
        } catch (IOException e) {
            throw new RemoteException("the exchange with " + origin() + " failed: " + rootMessage(e));
        }
    }

    private RemoteException failure(HttpResponse<String> response) {
        String said = response.body().strip();
        return switch (response.statusCode()) {
            case 401, 403 -> new RemoteException("the gateway at " + origin() + " refused the operator token ("
                    + response.statusCode() + "): check --token-file or " + RemoteOptions.TOKEN_VARIABLE
                    + " against submit.token.<operator> in its gateway.properties", ExitCodes.REFUSED);
            default -> new RemoteException("the gateway at " + origin() + " answered " + response.statusCode() + ": " + said,
                    ExitCodes.REFUSED);
        };
    }

    private String origin() {
        return messages.getScheme() + "://" + messages.getAuthority();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    private static void field(List<HttpRequest.BodyPublisher> body, String boundary, String name, String value) {
        body.add(text("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
                + "\"\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + value + "\r\n"));
    }

    private static HttpRequest.BodyPublisher text(String text) {
        return HttpRequest.BodyPublishers.ofByteArray(text.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpRequest.BodyPublisher file(Path file) throws RemoteException {
        try {
            return HttpRequest.BodyPublishers.ofFile(file);
        } catch (java.io.FileNotFoundException e) {
            throw new RemoteException("--file " + file + " cannot be read", ExitCodes.USAGE);
        }
    }

    /** A failure to reach or use the endpoint; the message is the whole story for the operator. */
    static final class RemoteException extends Exception {
        private static final long serialVersionUID = 1L;

        private final int exitCode;

        /** The endpoint could not be reached or talked to: {@link ExitCodes#UNREACHABLE}. */
        RemoteException(String message) {
            this(message, ExitCodes.UNREACHABLE);
        }

        RemoteException(String message, int exitCode) {
            super(message);
            this.exitCode = exitCode;
        }

        /** The exit code of the command that meets this failure. */
        int exitCode() {
            return exitCode;
        }
    }

    /** The gateway refused the submission itself (no PMode leg, payload not allowed): its ebMS code and detail. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }
}
