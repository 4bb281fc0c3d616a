package org.imigateway.cooperation.translation;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.UrlEncoded;
import org.eclipse.jetty.io.Content;
import org.imigateway.connectors.admission.AdmissionSettings;
import org.imigateway.connectors.admission.HardenedServer;
import org.imigateway.connectors.admission.OverloadAnswer;
import org.imigateway.text.Untrusted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A translator in front of an eTranslation-style service, which answers asynchronously: each
 * text is POSTed as a job (JSON: {@code externalReference}, {@code sourceLanguage},
 * {@code targetLanguages}, {@code textToTranslate}, {@code requesterCallback},
 * {@code errorCallback}) and the service later POSTs the translation to our callback as a form
 * ({@code external-reference}, {@code target-language}, {@code translated-text}; or
 * {@code error-code}, {@code error-message} to the error callback). The callback listens on a
 * port of its own. A job not answered within the timeout, refused, or unreachable leaves the
 * text untranslated: a reader gets the original, marked, never nothing. Texts are not logged
 * (they may hold personal data); references are.
 */
public final class HttpTranslator implements Translator, AutoCloseable {

    public static final String CALLBACK_PATH = "/translation/callback";
    public static final String ERROR_PATH = "/translation/error";

    private static final Logger LOG = LoggerFactory.getLogger(HttpTranslator.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A callback is a reference, a language and one translated text: room for a long text, not for a flood. */
    private static final int MAX_FORM_CHARACTERS = 4 * 1024 * 1024;
    private static final int MAX_FORM_FIELDS = 16;

    private final TranslationSettings.Service service;
    private final Server server;
    private final URI callbackBase;
    private final HttpClient client;
    private final Map<String, CompletableFuture<String>> waiting = new ConcurrentHashMap<>();

    private HttpTranslator(TranslationSettings.Service service, Server server, URI callbackBase) {
        this.service = service;
        this.server = server;
        this.callbackBase = callbackBase;
        this.client = HttpClient.newBuilder().connectTimeout(service.timeout()).build();
    }

    /** Starts the callback listener on {@code service.callbackHost():callbackPort()} (port 0: any free one). */
    public static HttpTranslator start(TranslationSettings.Service service, AdmissionSettings admission)
            throws IOException {
        HardenedServer hardened = HardenedServer.create("translation-callback", admission);
        Server server = hardened.server();
        ServerConnector connector = hardened.connector(service.callbackHost(), service.callbackPort(), Optional.empty());
        HttpTranslator[] self = new HttpTranslator[1];
        hardened.handler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                return self[0].callback(request, response, callback);
            }
        }, OverloadAnswer.plainText());
        try {
            server.start();
        } catch (Exception e) {
            throw new IOException("the translation callback cannot listen on " + service.callbackHost() + ":"
                    + service.callbackPort() + ": " + e.getMessage(), e);
        }
        URI base = URI.create("http://" + service.callbackHost() + ":" + connector.getLocalPort());
        self[0] = new HttpTranslator(service, server, base);
        LOG.info("translation service {}: callbacks at {}{}", service.url(), base, CALLBACK_PATH);
        return self[0];
    }

    public URI callbackUri() {
        return callbackBase.resolve(CALLBACK_PATH);
    }

    @Override
    public Translation translate(String sourceLang, String targetLang, String text) {
        Translation untranslated = new Translation.Untranslated(text, sourceLang);
        String reference = UUID.randomUUID().toString();
        CompletableFuture<String> answer = new CompletableFuture<>();
        waiting.put(reference, answer);
        long deadline = System.nanoTime() + service.timeout().toNanos();
        try {
            HttpRequest.Builder post = HttpRequest.newBuilder(service.url()).timeout(service.timeout())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(job(reference, sourceLang, targetLang, text)));
            service.authorization().ifPresent(value -> post.header("Authorization", value));
            HttpResponse<String> accepted = client.send(post.build(), HttpResponse.BodyHandlers.ofString());
            if (accepted.statusCode() / 100 != 2) {
                LOG.warn("translation job {} refused by {}: HTTP {}; the text stays untranslated", reference,
                        service.url(), accepted.statusCode());
                return untranslated;
            }
            String translated = answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return new Translation.Translated(translated, sourceLang, targetLang);
        } catch (TimeoutException e) {
            LOG.warn("translation job {} not answered within {}; the text stays untranslated", reference, service.timeout());
        } catch (ExecutionException e) {
            LOG.warn("translation job {} failed: {}; the text stays untranslated", reference,
                    Untrusted.inLog(e.getCause().getMessage()));
        } catch (IOException e) {
            LOG.warn("translation service {} cannot be reached: {}; the text stays untranslated", service.url(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            waiting.remove(reference);
        }
        return untranslated;
    }

    /** The job as the service reads it: one text, one target language, our two callbacks. */
    @JsonPropertyOrder({"externalReference", "callerInformation", "sourceLanguage", "targetLanguages", "textToTranslate",
        "requesterCallback", "errorCallback"})
    record Job(String externalReference, Caller callerInformation, String sourceLanguage, List<String> targetLanguages,
            String textToTranslate, String requesterCallback, String errorCallback) {
    }

    record Caller(String application) {
    }

    private String job(String reference, String sourceLang, String targetLang, String text) throws IOException {
        return JSON.writeValueAsString(new Job(reference, new Caller(service.application()),
                sourceLang.toUpperCase(Locale.ROOT), List.of(targetLang.toUpperCase(Locale.ROOT)), text,
                callbackBase.resolve(CALLBACK_PATH).toString(), callbackBase.resolve(ERROR_PATH).toString()));
    }

    private boolean callback(Request request, Response response, Callback callback) throws IOException {
        String path = Request.getPathInContext(request);
        if (!CALLBACK_PATH.equals(path) && !ERROR_PATH.equals(path)) {
            return false;
        }
        if (!"POST".equals(request.getMethod())) {
            Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "POST a form");
            return true;
        }
        // The service answers with a form post (whatever Content-Type it names); Jetty decodes it within limits.
        Fields form = new Fields();
        try (InputStream body = Content.Source.asInputStream(request)) {
            UrlEncoded.decodeUtf8To(body, form, MAX_FORM_CHARACTERS, MAX_FORM_FIELDS);
        }
        String reference = Objects.requireNonNullElse(form.getValue("external-reference"), "");
        CompletableFuture<String> answer = waiting.get(reference);
        if (answer == null) {
            Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404, "external-reference '" + reference
                    + "' is not a job waiting for its translation (unknown, or past its timeout)");
            return true;
        }
        if (ERROR_PATH.equals(path)) {
            answer.completeExceptionally(new IOException("the service reports error "
                    + Objects.requireNonNullElse(form.getValue("error-code"), "?") + ": "
                    + Objects.requireNonNullElse(form.getValue("error-message"), "")));
        } else if (form.get("translated-text") == null) {
            Response.writeError(request, response, callback, HttpStatus.BAD_REQUEST_400, "field translated-text is missing");
            return true;
        } else {
            answer.complete(form.getValue("translated-text"));
        }
        response.write(true, ByteBuffer.wrap("ok".getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("the translation callback did not stop cleanly: {}", e.getMessage());
        }
    }
}
