package org.imigateway.cooperation.publicapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.imigateway.text.Untrusted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the public interface:
 * <pre>
 *   POST /public/v1/submissions          body: the XML document → 202 {trackingId, status} + Location
 *   GET  /public/v1/submissions/{id}     → 200 {trackingId, status, authority, country[, reason]}
 *   GET  /public/v1/openapi.yaml         → 200 the OpenAPI document of all this (docs/public-interface.openapi.yaml)
 * </pre>
 * In this order, each before anything is stored: 401 unless the client is known (API key or TLS
 * client certificate), 429 over its rate (with Retry-After), 413 over the size limit (read
 * through a bounded stream), 415 unless the Content-Type is XML, 400 unreadable, invalid or
 * beyond the depth and element limits, 422 when no authority is competent. The OpenAPI document
 * is public, as it names no client and no secret.
 */
public final class PublicEndpoint extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(PublicEndpoint.class);

    public static final String SUBMISSIONS = "/public/v1/submissions";
    public static final String OPENAPI = "/public/v1/openapi.yaml";
    public static final String API_KEY_HEADER = "X-Api-Key";
    private static final String JSON = "application/json";
    /** RFC 9512's media type for YAML. */
    private static final String YAML = "application/yaml";
    private static final byte[] DESCRIPTION = description();

    private final PublicSubmissions submissions;
    private final ClientAuthentication authentication;
    private final RateLimiter rateLimiter;
    private final int maxBytes;
    private final PublicForwarding forwarding;

    /** @param forwarding queues an accepted submission to be sent on, before the answer */
    public PublicEndpoint(PublicSubmissions submissions, ClientAuthentication authentication, RateLimiter rateLimiter,
            int maxBytes, PublicForwarding forwarding) {
        this.submissions = submissions;
        this.authentication = authentication;
        this.rateLimiter = rateLimiter;
        this.maxBytes = maxBytes;
        this.forwarding = forwarding;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (path.equals(OPENAPI)) {
            describe(request, response, callback);
            return true;
        }
        if (!path.equals(SUBMISSIONS) && !path.startsWith(SUBMISSIONS + "/")) {
            return false;
        }
        Optional<PublicClient> client = client(request);
        if (client.isEmpty()) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "ApiKey header=\"" + API_KEY_HEADER + "\"");
            refuseUnread(response, callback, HttpStatus.UNAUTHORIZED_401, JsonAnswer.error("unauthenticated",
                    "send the header " + API_KEY_HEADER + " with your API key, or a TLS client certificate registered"
                            + " for you"));
            return true;
        }
        if (path.equals(SUBMISSIONS) && "POST".equals(request.getMethod())) {
            submit(request, response, callback, client.get());
        } else if (path.length() > SUBMISSIONS.length() + 1 && "GET".equals(request.getMethod())) {
            status(path.substring(SUBMISSIONS.length() + 1), response, callback, client.get());
        } else {
            response.getHeaders().put(HttpHeader.ALLOW, path.equals(SUBMISSIONS) ? "POST" : "GET");
            refuseUnread(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, JsonAnswer.error("method-not-allowed",
                    request.getMethod() + " " + path + " is not part of the API: POST " + SUBMISSIONS + ", GET "
                            + SUBMISSIONS + "/{trackingId}"));
        }
        return true;
    }

    private void submit(Request request, Response response, Callback callback, PublicClient client) throws IOException {
        Optional<Duration> wait = rateLimiter.take(client.name());
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(seconds));
            refuseUnread(response, callback, HttpStatus.TOO_MANY_REQUESTS_429, JsonAnswer.error("rate-limited",
                    "client '" + client.name() + "' is over its submissions per minute; retry after " + seconds + " s"));
            return;
        }
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (!isXml(contentType)) {
            response.getHeaders().put(HttpHeader.ACCEPT, "application/xml, text/xml");
            refuseUnread(response, callback, HttpStatus.UNSUPPORTED_MEDIA_TYPE_415, JsonAnswer.error("unsupported-media-type",
                    "send the document with Content-Type application/xml, not "
                            + (contentType == null ? "without one" : "'" + Untrusted.inLog(contentType) + "'")));
            return;
        }
        long declared = request.getLength();
        Optional<byte[]> body = declared > maxBytes ? Optional.empty() : readBounded(request);
        if (body.isEmpty()) {
            refuseUnread(response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413, JsonAnswer.error("too-large",
                    "the document is larger than the limit of " + maxBytes + " bytes"));
            return;
        }
        PublicSubmissions.Outcome outcome = submissions.accept(client.name(), body.get());
        if (outcome instanceof PublicSubmissions.Accepted accepted) {
            forwarding.queue(accepted.trackingId());
            response.getHeaders().put(HttpHeader.LOCATION, SUBMISSIONS + "/" + accepted.trackingId());
            answer(response, callback, HttpStatus.ACCEPTED_202, JsonAnswer.accepted(accepted.trackingId()));
        } else {
            PublicSubmissions.Refused refused = (PublicSubmissions.Refused) outcome;
            LOG.info("public submission from client {} refused ({}): {}", client.name(), refused.status(),
                    Untrusted.inLog(refused.error()));
            answer(response, callback, refused.status(), JsonAnswer.error(refused.error(), refused.detail(),
                    refused.problems()));
        }
    }

    /** application/xml, text/xml or an XML-based type (application/…+xml), with any parameters. */
    static boolean isXml(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        return type.equals("application/xml") || type.equals("text/xml")
                || type.startsWith("application/") && type.endsWith("+xml");
    }

    private void status(String trackingId, Response response, Callback callback, PublicClient client) throws Exception {
        Optional<SubmissionStatus> status = submissions.status(client.name(), trackingId);
        if (status.isEmpty()) {
            answer(response, callback, HttpStatus.NOT_FOUND_404, JsonAnswer.error("unknown-tracking-id",
                    "no submission of yours has tracking id " + trackingId));
        } else {
            answer(response, callback, HttpStatus.OK_200, JsonAnswer.status(status.get()));
        }
    }

    private static void describe(Request request, Response response, Callback callback) {
        if (!"GET".equals(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET");
            refuseUnread(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, JsonAnswer.error("method-not-allowed",
                    request.getMethod() + " " + OPENAPI + " is not part of the API: GET it"));
            return;
        }
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, YAML);
        response.write(true, ByteBuffer.wrap(DESCRIPTION), callback);
    }

    /** The document the build copies from docs/ beside this class. */
    private static byte[] description() {
        try (InputStream in = PublicEndpoint.class.getResourceAsStream("public-interface.openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("public-interface.openapi.yaml is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("public-interface.openapi.yaml cannot be read from the jar", e);
        }
    }

    /** The body, or empty when it is longer than the limit: never more than the limit plus one byte is read. */
    private Optional<byte[]> readBounded(Request request) throws IOException {
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] body = in.readNBytes(maxBytes + 1);
            return body.length > maxBytes ? Optional.empty() : Optional.of(body);
        }
    }

    private Optional<PublicClient> client(Request request) {
        String key = request.getHeaders().get(API_KEY_HEADER);
        if (key != null && !key.isBlank()) {
            return authentication.byApiKey(key.trim());
        }
        if (request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE) instanceof EndPoint.SslSessionData tls
                && tls.peerCertificates() != null && tls.peerCertificates().length > 0) {
            X509Certificate certificate = tls.peerCertificates()[0];
            return authentication.byCertificate(certificate);
        }
        return Optional.empty();
    }

    /**
     * A refusal before the body was read to its end: the connection is closed after it, since
     * reading on to find the next request would mean reading what we just refused.
     */
    private static void refuseUnread(Response response, Callback callback, int status, String json) {
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        answer(response, callback, status, json);
    }

    private static void answer(Response response, Callback callback, int status, String json) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
        response.write(true, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), callback);
    }
}
