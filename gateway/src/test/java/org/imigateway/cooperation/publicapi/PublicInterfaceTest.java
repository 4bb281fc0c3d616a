package org.imigateway.cooperation.publicapi;

import static org.imigateway.GatewayParts.partsOf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.imigateway.Gateway;
import org.imigateway.LogCapture;
import org.imigateway.TestNetwork;
import org.imigateway.certificates.PartyKit;
import org.imigateway.certificates.Stores;
import org.imigateway.cooperation.Cooperation;
import org.imigateway.cooperation.Retention;
import org.imigateway.connectors.Delivery;
import org.imigateway.connectors.fs.FolderInbox;
import org.imigateway.schemas.imi.ImiDocumentType;
import org.imigateway.store.Direction;
import org.imigateway.store.MessageRecord;
import org.imigateway.store.MessageStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub with its public interface on and one national access point (ap-1, serving DE and LV) on
 * loopback, with real certificates; outsiders are a JDK HttpClient over HTTPS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicInterfaceTest {

    private static final char[] PASSWORD = "changeit-demo".toCharArray();
    private static final String DIRECTORY = """
            <?xml version="1.0" encoding="UTF-8"?>
            <directory xmlns="urn:imigateway:imi:directory:1">
              <authority id="DE-ZOLL" country="DE"><name lang="de">Generalzolldirektion</name><accessPoint>ap-1</accessPoint>
                <grant policyArea="posting-of-workers"><procedure>posting-declarations</procedure></grant></authority>
              <authority id="LV-VDI" country="LV"><name lang="lv">Valsts darba inspekcija</name><accessPoint>ap-1</accessPoint>
                <grant policyArea="posting-of-workers"><procedure>posting-declarations</procedure></grant></authority>
            </directory>
            """;
    private static final int MAX_BYTES = 8192;
    private static final int RATE = 7;

    private TestNetwork network;
    private Gateway hub;
    private Gateway ap1;
    private HttpClient byKey;
    private HttpClient byCertificate;
    private String base;

    @BeforeAll
    void start(@TempDir Path temp) throws Exception {
        network = TestNetwork.create(temp.resolve("net"), "hub", "ap-1");
        Path hubHome = network.plan().home("hub");
        Path ap1Keys = network.plan().home("ap-1").resolve("keystores/ap-1.p12");
        X509Certificate ap1Client = (X509Certificate) Stores.read(ap1Keys, PASSWORD).getCertificate(PartyKit.TLS_CLIENT_ALIAS);
        Files.writeString(hubHome.resolve("config/gateway.properties"), String.join("\n",
                "gateway.role=hub",
                "public.enabled=true",
                "public.port=0",
                "public.maxBytes=" + MAX_BYTES,
                "public.ratePerMinute=" + RATE,
                "public.sender=EU-PUBLIC",
                "public.clients=portal,other,burst,acme,wire,contract",
                "public.client.contract.apiKeySha256=" + sha256("contract-key"),
                "public.client.portal.apiKeySha256=" + sha256("portal-key"),
                "public.client.wire.apiKeySha256=" + sha256("wire-key"),
                "public.client.other.apiKeySha256=" + sha256("other-key"),
                "public.client.burst.apiKeySha256=" + sha256("burst-key"),
                "public.client.acme.certificateSha256=" + HexFormat.of().formatHex(
                        ClientAuthentication.sha256(ap1Client.getEncoded())), ""),
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Files.createDirectories(hubHome.resolve("config/directory"));
        Files.writeString(hubHome.resolve("config/directory/authorities.xml"), DIRECTORY, StandardCharsets.UTF_8);
        hub = network.start("hub");
        ap1 = network.start("ap-1");
        base = "https://localhost:" + hub.publicInterface().orElseThrow().port() + PublicEndpoint.SUBMISSIONS;
        Path trust = hubHome.resolve("keystores/truststore.p12");
        byKey = client(trust, Optional.empty());
        byCertificate = client(trust, Optional.of(ap1Keys));
    }

    @AfterAll
    void stop() {
        if (network != null) {
            network.close();
        }
    }

    @Test
    void aDeclarationReachesTheCompetentAuthorityAndItsStatusGoesFromForwardedToDelivered() throws Exception {
        String declaration = Declarations.declaration("DE", "BALTBUVE-1");
        partsOf(hub).sendControl().pause("ap-1");

        HttpResponse<String> accepted = post(byKey, "portal-key", declaration.getBytes(StandardCharsets.UTF_8));

        assertEquals(202, accepted.statusCode(), accepted.body());
        String trackingId = field(accepted.body(), "trackingId");
        assertEquals("RECEIVED", field(accepted.body(), "status"));
        assertEquals(PublicEndpoint.SUBMISSIONS + "/" + trackingId, accepted.headers().firstValue("Location").orElseThrow());
        assertEquals("FORWARDED", awaitStatus(byKey, "portal-key", trackingId, "FORWARDED"));
        partsOf(hub).sendControl().resume("ap-1");
        assertEquals("DELIVERED", awaitStatus(byKey, "portal-key", trackingId, "DELIVERED"));

        Path folder = TestNetwork.awaitDelivered(ap1, "public-" + trackingId + "@hub");
        Delivery meta = FolderInbox.read(folder);
        assertEquals(ImiDocumentType.Services.PUBLIC, meta.service());
        assertEquals("Declaration", meta.action());
        assertEquals("DE-ZOLL", property(meta, Cooperation.FINAL_RECIPIENT));
        assertEquals("EU-PUBLIC", property(meta, Cooperation.ORIGINAL_SENDER));
        assertEquals(declaration, Files.readString(folder.resolve("payload-1"), StandardCharsets.UTF_8));

        HttpResponse<String> stranger = get(byKey, "other-key", trackingId);
        assertEquals(404, stranger.statusCode(), stranger.body());
        assertTrue(stranger.body().contains("unknown-tracking-id"), stranger.body());
    }

    @Test
    void theHubsOwnQueuesAreInItsMetrics() {
        Map<String, Double> metrics = partsOf(hub).metrics().values();
        assertTrue(metrics.containsKey("imi.queue.messages,queue=" + PublicRoutes.FORWARD_QUEUE), metrics::toString);
        assertTrue(metrics.containsKey("imi.queue.messages,queue=imi.hub.fanout"), metrics::toString);
        assertTrue(partsOf(hub).metrics().scrape().contains("queue=\"" + PublicRoutes.FORWARD_QUEUE + "\""));
    }

    @Test
    void aFiledDeclarationIsACaseOfTheCompetentAuthorityAndItsCopyIsDeletedOnTheProceduresSchedule() throws Exception {
        String declaration = Declarations.declaration("DE", "RETENTION-1");
        HttpResponse<String> accepted = post(byKey, "portal-key", declaration.getBytes(StandardCharsets.UTF_8));
        assertEquals(202, accepted.statusCode(), accepted.body());
        String trackingId = field(accepted.body(), "trackingId");
        assertEquals("DELIVERED", awaitStatus(byKey, "portal-key", trackingId, "DELIVERED"));
        Path filed = hub.config().dataDir().resolve("public").resolve(trackingId + ".xml");
        assertTrue(Files.exists(filed), "the filed copy is kept until retention removes it");

        // posting-declarations: blocked 18 months after filing, deleted after 36
        Retention retention = partsOf(hub).retention().orElseThrow();
        Instant filedAt = Instant.now();
        retention.run(filedAt.atZone(ZoneOffset.UTC).plusMonths(17).toInstant());
        assertTrue(Files.exists(filed), "not yet due for deletion at 17 months");
        retention.run(filedAt.atZone(ZoneOffset.UTC).plusMonths(36).plusSeconds(3600).toInstant());

        assertFalse(Files.exists(filed), "the filed copy is deleted 36 months after filing");
        MessageRecord carried = partsOf(hub).messageLog().find("public-" + trackingId + "@hub", Direction.OUTBOUND).orElseThrow();
        assertEquals(MessageStatus.ACKNOWLEDGED, carried.status(), "the proof that it was sent on stays");
    }

    @Test
    void aClientCertificateAuthenticatesWithoutAKeyAndTheLatviaDeclarationGoesToTheLatvianAuthority() throws Exception {
        HttpResponse<String> accepted = post(byCertificate, null,
                Declarations.declaration("LV", "CERT-1").getBytes(StandardCharsets.UTF_8));

        assertEquals(202, accepted.statusCode(), accepted.body());
        String trackingId = field(accepted.body(), "trackingId");
        assertEquals("DELIVERED", awaitStatus(byCertificate, null, trackingId, "DELIVERED"));
        assertEquals("LV-VDI", property(FolderInbox.read(TestNetwork.awaitDelivered(ap1, "public-" + trackingId + "@hub")),
                Cooperation.FINAL_RECIPIENT));
        assertEquals(404, get(byKey, "portal-key", trackingId).statusCode());
    }

    @Test
    void malformedOversizedUnauthenticatedUnroutableAndOverRateSubmissionsAreRefusedAndNothingIsStored() throws Exception {
        SubmissionStore store = hub.publicInterface().orElseThrow().store();
        long rows = store.count();
        long files = files();
        byte[] valid = Declarations.declaration("DE", "REFUSED-1").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> anonymous = post(byKey, null, valid);
        HttpResponse<String> wrongKey = post(byKey, "portal-key-2", valid);
        HttpResponse<String> malformed = post(byKey, "other-key",
                "<declaration xmlns=\"urn:imigateway:imi:submission:1\">\n<procedure>x</procedur>".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> doctype = post(byKey, "other-key", ("<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM"
                + " \"file:///etc/passwd\">]>\n<declaration xmlns=\"urn:imigateway:imi:submission:1\">&x;</declaration>")
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> invalid = post(byKey, "other-key", Declarations.declaration("DE", "REFUSED-2")
                .replace("anna.ozola@baltbuve.example", "anna.ozola").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> oversized = post(byKey, "other-key", Declarations.declaration("DE", "REFUSED-3")
                .replace("Fasādes siltināšana", "x".repeat(MAX_BYTES)).getBytes(StandardCharsets.UTF_8));
        byte[] large = Declarations.declaration("DE", "REFUSED-5").replace("Fasādes siltināšana", "y".repeat(MAX_BYTES))
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> oversizedWithoutLength = byKey.send(HttpRequest.newBuilder(URI.create(base))
                .header(PublicEndpoint.API_KEY_HEADER, "other-key").header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(large))).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> unroutable = post(byKey, "other-key",
                Declarations.declaration("FR", "REFUSED-4").getBytes(StandardCharsets.UTF_8));

        assertEquals(401, anonymous.statusCode(), anonymous.body());
        assertEquals(401, wrongKey.statusCode(), wrongKey.body());
        assertEquals(400, malformed.statusCode(), malformed.body());
        assertEquals("2", number(malformed.body(), "line"));
        assertEquals(400, doctype.statusCode(), doctype.body());
        assertEquals("doctype", field(doctype.body(), "error"));
        assertTrue(!doctype.body().contains("root:"), "the entity was never resolved: " + doctype.body());
        assertEquals(400, invalid.statusCode(), invalid.body());
        assertEquals("/declaration/contactPerson/contact/email", field(invalid.body(), "field"));
        assertEquals("19", number(invalid.body(), "line"));
        assertTrue(invalid.body().contains("'anna.ozola'"), invalid.body());
        assertEquals(413, oversized.statusCode(), oversized.body());
        assertEquals(413, oversizedWithoutLength.statusCode(), oversizedWithoutLength.body());
        assertEquals(422, unroutable.statusCode(), unroutable.body());
        assertEquals("country", field(unroutable.body(), "field"));
        assertTrue(unroutable.body().contains("'FR'"), unroutable.body());

        for (int i = 0; i < RATE; i++) {
            assertEquals(400, post(byKey, "burst-key", "<not-xml".getBytes(StandardCharsets.UTF_8)).statusCode());
        }
        HttpResponse<String> overRate = post(byKey, "burst-key", valid);
        assertEquals(429, overRate.statusCode(), overRate.body());
        assertTrue(Integer.parseInt(overRate.headers().firstValue("Retry-After").orElseThrow()) >= 1);

        assertEquals(rows, store.count());
        assertEquals(files, files());
    }

    @Test
    void aDocumentNotSentAsXmlIsRefusedWith415AndNothingIsStored() throws Exception {
        SubmissionStore store = hub.publicInterface().orElseThrow().store();
        long rows = store.count();
        byte[] valid = Declarations.declaration("DE", "WIRE-415").getBytes(StandardCharsets.UTF_8);

        for (String type : new String[] {"application/json", "text/plain; charset=UTF-8"}) {
            HttpResponse<String> refused = byKey.send(HttpRequest.newBuilder(URI.create(base)).header("Content-Type", type)
                    .header(PublicEndpoint.API_KEY_HEADER, "wire-key").POST(HttpRequest.BodyPublishers.ofByteArray(valid))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(415, refused.statusCode(), refused.body());
            assertEquals("unsupported-media-type", field(refused.body(), "error"));
        }
        assertEquals(rows, store.count());
    }

    @Test
    void aDeeplyNestedDocumentIsRefusedAtTheDepthLimit() throws Exception {
        byte[] nested = ("<declaration xmlns=\"urn:imigateway:imi:submission:1\">" + "<a>".repeat(1000) + "</a>".repeat(1000)
                + "</declaration>").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> refused = post(byKey, "wire-key", nested);

        assertEquals(400, refused.statusCode(), refused.body());
        assertEquals("limits", field(refused.body(), "error"));
    }

    /** Values a client sends (accepted or refused) never start a line of the hub's log. */
    @Test
    void lineBreaksInSubmittedFieldsForgeNoLogLine() throws Exception {
        String forged = "2026-12-03T21:00:00.000+0000 [main] INFO x - FORGED-PUBLIC";
        try (LogCapture log = LogCapture.start()) {
            HttpResponse<String> accepted = post(byKey, "wire-key", Declarations.declaration("DE", "WIRE-1")
                    .replace("SIA Baltijas Būve", "SIA&#10;" + forged).getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> refused = post(byKey, "wire-key", Declarations.declaration("DE", "WIRE-2")
                    .replace("anna.ozola@baltbuve.example", "anna&#10;" + forged).getBytes(StandardCharsets.UTF_8));

            assertEquals(202, accepted.statusCode(), accepted.body());
            assertEquals(400, refused.statusCode(), refused.body());
            TestNetwork.awaitDelivered(ap1, hub.publicInterface().orElseThrow().submissions()
                    .messageId(field(accepted.body(), "trackingId")));
            assertTrue(log.lines().stream().noneMatch(line -> line.startsWith(forged)), () -> "forged: " + log.lines());
        }
    }

    @Test
    void anAcceptedSubmissionNotYetSentOnIsSentByTheRecoveryPassOnceOnly() throws Exception {
        // as if the hub had died between the 202 and the submit: the row and the file, not forwarded
        SubmissionStore store = hub.publicInterface().orElseThrow().store();
        String trackingId = "PS-RECOVERY-1";
        Path file = Files.writeString(hub.config().dataDir().resolve("public").resolve(trackingId + ".xml"),
                Declarations.declaration("DE", "RECOVER-1"), StandardCharsets.UTF_8);
        PublicSubmissions submissions = hub.publicInterface().orElseThrow().submissions();
        store.insert(new StoredSubmission(trackingId, "portal", ImiDocumentType.PUBLIC_DECLARATION, "posting-declarations",
                "DE", Optional.empty(), "DE-ZOLL", "ap-1", submissions.messageId(trackingId), file, Files.size(file), "-",
                Instant.now(), Optional.empty(), Optional.empty()));
        assertEquals("RECEIVED", submissions.status("portal", trackingId).orElseThrow().state().name());

        PublicForwarding forwarding = hub.publicInterface().orElseThrow().forwarding();
        forwarding.queueUnforwarded(); // what the public-recovery route does every minute
        TestNetwork.awaitDelivered(ap1, submissions.messageId(trackingId));
        MessageRecord sent = hub.awaitOutcome(submissions.messageId(trackingId), Duration.ofSeconds(30));
        forwarding.queueUnforwarded();
        forwarding.forward(trackingId);

        assertEquals(MessageStatus.ACKNOWLEDGED, sent.status());
        assertEquals(1, partsOf(hub).messageLog().history(submissions.messageId(trackingId), Direction.OUTBOUND).stream()
                .filter(c -> c.to() == MessageStatus.SEND_ENQUEUED).count());
    }

    @Test
    void aSubmissionIsQueuedToBeSentOnBeforeItsAcceptanceIsAnswered() throws Exception {
        HttpResponse<String> accepted = post(byKey, "wire-key",
                Declarations.declaration("DE", "QUEUED-1").getBytes(StandardCharsets.UTF_8));
        assertEquals(202, accepted.statusCode(), accepted.body());
        String trackingId = field(accepted.body(), "trackingId");

        // The route marks it forwarded before it commits the receive: read in this order, one of
        // the two holds from the moment the forward is queued.
        boolean waiting = partsOf(hub).broker().messageCount(PublicRoutes.FORWARD_QUEUE) > 0;
        boolean forwarded = hub.publicInterface().orElseThrow().store().find(trackingId).orElseThrow().forwarded()
                .isPresent();
        assertTrue(waiting || forwarded, "queued on " + PublicRoutes.FORWARD_QUEUE + " or sent on already");
        assertEquals("DELIVERED", awaitStatus(byKey, "wire-key", trackingId, "DELIVERED"));
    }

    /**
     * Every request the OpenAPI document describes, sent to the live hub, and each answer's status,
     * headers and JSON body validated against the document; every documented answer is provoked
     * but the two this fixture cannot cause (500: the store failing; 503: the port full).
     */
    @Test
    void everyDocumentedRequestIsAnsweredAsTheOpenApiDocumentSays() throws Exception {
        OpenApiDocument document = OpenApiDocument.load();
        java.util.List<String> problems = new java.util.ArrayList<>();
        String key = "contract-key";
        byte[] valid = Declarations.declaration("DE", "CONTRACT-1").getBytes(StandardCharsets.UTF_8);
        URI submissions = URI.create(base);
        URI description = URI.create(base.replace(PublicEndpoint.SUBMISSIONS, PublicEndpoint.OPENAPI));

        HttpResponse<String> accepted = exchange(document, problems, byKey, submit(key, "application/xml", valid));
        String trackingId = field(accepted.body(), "trackingId");
        URI status = URI.create(base + "/" + trackingId);
        exchange(document, problems, byKey, submit(null, "application/xml", valid));
        exchange(document, problems, byKey, submit(key, "application/xml", "<declaration".getBytes(StandardCharsets.UTF_8)));
        exchange(document, problems, byKey, submit(key, "application/xml", Declarations.declaration("DE", "CONTRACT-2")
                .replace("anna.ozola@baltbuve.example", "anna.ozola").getBytes(StandardCharsets.UTF_8)));
        exchange(document, problems, byKey, submit(key, "text/xml", Declarations.declaration("FR", "CONTRACT-3")
                .getBytes(StandardCharsets.UTF_8)));
        exchange(document, problems, byKey, submit(key, "application/json", valid));
        exchange(document, problems, byKey, submit(key, "application/xml", new byte[MAX_BYTES + 1]));
        exchange(document, problems, byKey, HttpRequest.newBuilder(submissions).header(PublicEndpoint.API_KEY_HEADER, key)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(valid)));
        exchange(document, problems, byKey, HttpRequest.newBuilder(status).header(PublicEndpoint.API_KEY_HEADER, key).GET());
        exchange(document, problems, byKey, HttpRequest.newBuilder(status).GET());
        exchange(document, problems, byKey, HttpRequest.newBuilder(URI.create(base + "/PS-UNKNOWN"))
                .header(PublicEndpoint.API_KEY_HEADER, key).GET());
        exchange(document, problems, byKey, HttpRequest.newBuilder(status).header(PublicEndpoint.API_KEY_HEADER, key)
                .DELETE());
        HttpResponse<String> served = exchange(document, problems, byKey, HttpRequest.newBuilder(description).GET());
        exchange(document, problems, byKey, HttpRequest.newBuilder(description)
                .POST(HttpRequest.BodyPublishers.ofString("x")));
        HttpResponse<String> overRate = null;
        for (int i = 0; i <= RATE && (overRate == null || overRate.statusCode() != 429); i++) {
            overRate = exchange(document, problems, byKey, submit(key, "application/xml", "<x/>".getBytes(StandardCharsets.UTF_8)));
        }

        assertEquals(java.util.List.of(), problems);
        assertEquals(429, overRate.statusCode(), overRate.body());
        assertEquals(document.text(), served.body(), "the document is served as it is");
        java.util.Set<String> unprovoked = new java.util.TreeSet<>(document.documented());
        unprovoked.removeAll(document.seen());
        assertEquals(java.util.Set.of("submit 500", "submit 503", "status 503"), unprovoked);
    }

    private HttpRequest.Builder submit(String apiKey, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (apiKey != null) {
            request.header(PublicEndpoint.API_KEY_HEADER, apiKey);
        }
        return request;
    }

    /** Sends the request and adds to {@code problems} what the document finds wrong with its answer. */
    private static HttpResponse<String> exchange(OpenApiDocument document, java.util.List<String> problems, HttpClient client,
            HttpRequest.Builder builder) throws Exception {
        HttpRequest request = builder.build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        problems.addAll(document.check(request.method(), request.uri(), response));
        return response;
    }

    @Test
    void forwardingAndRecoveryAreRoutesOfTheHubNotThreadsOfTheirOwn() {
        for (String routeId : new String[] {"public-forward", "public-recovery"}) {
            assertNotNull(partsOf(hub).camel().getRoute(routeId), routeId);
            assertTrue(partsOf(hub).camel().getRouteController().getRouteStatus(routeId).isStarted(), routeId);
        }
        assertTrue(Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .noneMatch(name -> name.equals("public-forward") || name.equals("public-recovery")),
                "no executor threads of the public interface");
    }

    private long files() throws Exception {
        try (var list = Files.list(hub.config().dataDir().resolve("public"))) {
            return list.count();
        }
    }

    private HttpResponse<String> post(HttpClient client, String apiKey, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base)).header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (apiKey != null) {
            request.header(PublicEndpoint.API_KEY_HEADER, apiKey);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(HttpClient client, String apiKey, String trackingId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/" + trackingId)).GET();
        if (apiKey != null) {
            request.header(PublicEndpoint.API_KEY_HEADER, apiKey);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Polls the status until it is {@code wanted} (or 60 s pass); returns the last one seen. */
    private String awaitStatus(HttpClient client, String apiKey, String trackingId, String wanted) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String status;
        do {
            HttpResponse<String> response = get(client, apiKey, trackingId);
            assertEquals(200, response.statusCode(), response.body());
            status = field(response.body(), "status");
            if (status.equals(wanted)) {
                return status;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return status;
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }

    private static String number(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":(\\d+)").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }

    private static String property(Delivery meta, String name) {
        return meta.property(name).orElse("");
    }

    private static String sha256(String key) {
        return HexFormat.of().formatHex(ClientAuthentication.sha256(key.getBytes(StandardCharsets.UTF_8)));
    }

    /** A JDK client trusting the demo CA, presenting the party's TLS client certificate when one is given. */
    private static HttpClient client(Path trustStore, Optional<Path> partyKeys) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(Stores.read(trustStore, PASSWORD));
        KeyManagerFactory keys = null;
        if (partyKeys.isPresent()) {
            KeyStore all = Stores.read(partyKeys.get(), PASSWORD);
            KeyStore only = KeyStore.getInstance("PKCS12");
            only.load((InputStream) null, null);
            only.setKeyEntry("client", (PrivateKey) all.getKey(PartyKit.TLS_CLIENT_ALIAS, PASSWORD), PASSWORD,
                    all.getCertificateChain(PartyKit.TLS_CLIENT_ALIAS));
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(only, PASSWORD);
        }
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
    }
}
