package org.imigateway.cooperation.translation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;
import org.imigateway.config.AdmissionConfig;
import org.imigateway.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP translator against a loopback stand-in for the remote eTranslation-style service
 * (the external party, not our product): it takes the job and answers on our callback later.
 */
class HttpTranslatorTest {

    /** How the stand-in service behaves for the next job. */
    enum Behaviour { ANSWER, SILENT, REFUSE, ERROR }

    private HttpServer remote;
    private volatile Behaviour behaviour = Behaviour.ANSWER;
    private final List<String> jobs = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void startRemoteService() throws IOException {
        remote = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        remote.createContext("/translationRequest", exchange -> {
            String job = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            jobs.add(job);
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            int status = behaviour == Behaviour.REFUSE ? 503 : 200;
            byte[] body = (status == 200 ? "4711" : "busy").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
            if (behaviour == Behaviour.ANSWER || behaviour == Behaviour.ERROR) {
                Behaviour now = behaviour;
                new Thread(() -> answerLater(job, now)).start();
            }
        });
        remote.start();
    }

    @AfterEach
    void stopRemoteService() {
        remote.stop(0);
    }

    /** The service's side: after a while, POST the result (or an error) to the callback the job named. */
    private void answerLater(String job, Behaviour how) {
        try {
            Thread.sleep(100);
            String reference = field(job, "externalReference");
            String form = how == Behaviour.ANSWER
                    ? "external-reference=" + encode(reference) + "&target-language=" + field(job, "targetLanguages\":\\[")
                            + "&translated-text=" + encode("[" + field(job, "targetLanguages\":\\[") + "] "
                                    + field(job, "textToTranslate"))
                    : "external-reference=" + encode(reference) + "&error-code=-20000&error-message=" + encode("no engine");
            String callback = field(job, how == Behaviour.ANSWER ? "requesterCallback" : "errorCallback");
            client.send(HttpRequest.newBuilder(URI.create(callback)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"?" + name + "\"?:?\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no " + name + " in " + json);
        }
        return m.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpTranslator translator(Duration timeout) throws IOException {
        return HttpTranslator.start(new TranslationSettings.Service(
                URI.create("http://127.0.0.1:" + remote.getAddress().getPort() + "/translationRequest"),
                Optional.of("Basic aW1pOnNlY3JldA=="), "imi-gateway", "127.0.0.1", 0, timeout),
                AdmissionConfig.Port.TRANSLATION.defaults());
    }

    @Test
    void aJobAnsweredOnTheCallbackComesBackTranslated() throws Exception {
        try (HttpTranslator translator = translator(Duration.ofSeconds(5))) {
            Translation result = translator.translate("lv", "de", "Lūdzu, pārbaudiet \"diplomu\".");

            assertEquals(new Translation.Translated("[DE] Lūdzu, pārbaudiet \"diplomu\".", "lv", "de"), result);
            String job = jobs.get(0);
            assertEquals("LV", field(job, "sourceLanguage"));
            assertTrue(job.contains("\"targetLanguages\":[\"DE\"]"), job);
            assertEquals(translator.callbackUri().toString(), field(job, "requesterCallback"));
            com.fasterxml.jackson.databind.JsonNode parsed = new com.fasterxml.jackson.databind.ObjectMapper().readTree(job);
            assertEquals("Lūdzu, pārbaudiet \"diplomu\".", parsed.path("textToTranslate").asText(), job);
            assertEquals("imi-gateway", parsed.path("callerInformation").path("application").asText(), job);
            assertEquals("Basic aW1pOnNlY3JldA==", authorizations.get(0));
        }
    }

    @Test
    void aJobNotAnsweredInTimeLeavesTheTextUntranslatedAndALateAnswerIsTurnedAway() throws Exception {
        behaviour = Behaviour.SILENT;
        try (HttpTranslator translator = translator(Duration.ofSeconds(1))) {
            long start = System.nanoTime();
            Translation result = translator.translate("lv", "de", "Teksts");
            long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();

            assertEquals(new Translation.Untranslated("Teksts", "lv"), result);
            assertTrue(waited >= 900 && waited < 4000, "waited " + waited + " ms");
            String reference = field(jobs.get(0), "externalReference");
            HttpResponse<String> late = client.send(HttpRequest.newBuilder(translator.callbackUri())
                    .POST(HttpRequest.BodyPublishers.ofString("external-reference=" + reference + "&translated-text=x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, late.statusCode());
            assertTrue(late.body().contains(reference), late.body());
        }
    }

    @Test
    void aRefusedOrFailedJobOrAnUnreachableServiceLeavesTheTextUntranslated() throws Exception {
        try (HttpTranslator translator = translator(Duration.ofSeconds(5))) {
            behaviour = Behaviour.REFUSE;
            assertInstanceOf(Translation.Untranslated.class, translator.translate("lv", "de", "Teksts"));
            behaviour = Behaviour.ERROR;
            assertEquals(new Translation.Untranslated("Teksts", "lv"), translator.translate("lv", "de", "Teksts"));
            remote.stop(0);
            assertEquals(new Translation.Untranslated("Teksts", "lv"), translator.translate("lv", "de", "Teksts"));
        }
    }

    @Test
    void settingsChooseOfflineByDefaultAndNameAWrongField(@TempDir Path home) throws Exception {
        Files.createDirectories(home.resolve("config"));
        Path properties = home.resolve("config/gateway.properties");
        Files.writeString(properties, "");
        assertTrue(TranslationSettings.load(home).service().isEmpty());
        assertInstanceOf(OfflineTranslator.class, TranslationSettings.load(home).open());

        Files.writeString(properties, "translation.mode=http\ntranslation.url=ftp://mt.example/x\n");
        ConfigException wrongUrl = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> TranslationSettings.load(home));
        assertTrue(wrongUrl.getMessage().contains("translation.url=ftp://mt.example/x"), wrongUrl.getMessage());

        Files.writeString(properties, "translation.mode=http\ntranslation.url=https://mt.example/x\n"
                + "translation.user=imi\ntranslation.password=secret\ntranslation.timeout.seconds=0\n");
        ConfigException wrongTimeout = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> TranslationSettings.load(home));
        assertTrue(wrongTimeout.getMessage().contains("translation.timeout.seconds=0"), wrongTimeout.getMessage());

        Files.writeString(properties, "translation.mode=http\ntranslation.url=https://mt.example/x\n"
                + "translation.user=imi\ntranslation.password=secret\n");
        TranslationSettings.Service service = TranslationSettings.load(home).service().orElseThrow();
        assertEquals(Optional.of("Basic aW1pOnNlY3JldA=="), service.authorization());
        assertEquals(Duration.ofSeconds(5), service.timeout());
    }
}
