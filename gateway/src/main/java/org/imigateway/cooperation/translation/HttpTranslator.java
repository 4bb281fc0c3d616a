package org.imigateway.cooperation.translation;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.io.Content;
import org.imigateway.connectors.admission.AdmissionSettings;
import org.imigateway.connectors.admission.HardenedServer;
import org.imigateway.connectors.admission.OverloadAnswer;
import org.imigateway.cooperation.json.JsonString;
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

    private String job(String reference, String sourceLang, String targetLang, String text) {
        return "{\"externalReference\":" + json(reference)
                + ",\"callerInformation\":{\"application\":" + json(service.application()) + "}"
                + ",\"sourceLanguage\":" + json(sourceLang.toUpperCase(java.util.Locale.ROOT))
                + ",\"targetLanguages\":[" + json(targetLang.toUpperCase(java.util.Locale.ROOT)) + "]"
                + ",\"textToTranslate\":" + json(text)
                + ",\"requesterCallback\":" + json(callbackBase.resolve(CALLBACK_PATH).toString())
                + ",\"errorCallback\":" + json(callbackBase.resolve(ERROR_PATH).toString()) + "}";
    }

    static String json(String value) {
        return JsonString.quote(value);
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
        Map<String, String> form = form(Content.Source.asString(request, StandardCharsets.UTF_8));
        String reference = form.getOrDefault("external-reference", "");
        CompletableFuture<String> answer = waiting.get(reference);
        if (answer == null) {
            Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404, "external-reference '" + reference
                    + "' is not a job waiting for its translation (unknown, or past its timeout)");
            return true;
        }
        if (ERROR_PATH.equals(path)) {
            answer.completeExceptionally(new IOException("the service reports error " + form.getOrDefault("error-code", "?")
                    + ": " + form.getOrDefault("error-message", "")));
        } else if (!form.containsKey("translated-text")) {
            Response.writeError(request, response, callback, HttpStatus.BAD_REQUEST_400, "field translated-text is missing");
            return true;
        } else {
            answer.complete(form.get("translated-text"));
        }
        response.write(true, ByteBuffer.wrap("ok".getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            int at = pair.indexOf('=');
            if (at > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, at), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(at + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
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
