package org.imigateway.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.imigateway.Gateway;
import org.imigateway.certificates.Stores;
import org.imigateway.cooperation.publicapi.PublicEndpoint;
import org.imigateway.connectors.Delivery;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;
import org.imigateway.cooperation.Cooperation;
import org.imigateway.connectors.fs.FolderInbox;
import org.imigateway.schemas.imi.ImiDocumentType;
import org.imigateway.store.MessageRecord;

/**
 * The cooperation part of the demo: gw-a is the hub, gw-b the national access point of the
 * German authorities, gw-c of the French ones. A request, an alert and a repository query go
 * through the hub, and a service provider files a declaration through the hub's public
 * interface; each row says whether the message reached the authority it was for.
 */
final class HubDemo {

    static final String HUB = "gw-a";

    /** One exchange through the hub: what the sending access point got from the hub, and what arrived where. */
    record Step(String what, String from, String to, String status, String messageId, String detail) {
    }

    private static final String DIRECTORY = """
            <?xml version="1.0" encoding="UTF-8"?>
            <directory xmlns="urn:imigateway:imi:directory:1">
              <authority id="DE-BVA" country="DE"><name lang="de">Bundesverwaltungsamt</name><accessPoint>gw-b</accessPoint></authority>
              <authority id="DE-AEK-BERLIN" country="DE"><name lang="de">Ärztekammer Berlin</name><accessPoint>gw-b</accessPoint>
                <grant policyArea="professional-qualifications"><procedure>pq-request</procedure><procedure>pq-alert</procedure></grant></authority>
              <authority id="DE-AEK-HAMBURG" country="DE"><name lang="de">Ärztekammer Hamburg</name><accessPoint>gw-b</accessPoint>
                <grant policyArea="professional-qualifications"><procedure>pq-alert</procedure></grant></authority>
              <authority id="DE-ZOLL" country="DE"><name lang="de">Generalzolldirektion</name><accessPoint>gw-b</accessPoint>
                <grant policyArea="posting-of-workers"><procedure>posting-declarations</procedure></grant></authority>
              <authority id="FR-SGAE" country="FR"><name lang="fr">Secrétariat général des affaires européennes</name>
                <accessPoint>gw-c</accessPoint></authority>
              <authority id="FR-ORDRE" country="FR"><name lang="fr">Ordre des médecins</name><accessPoint>gw-c</accessPoint>
                <grant policyArea="professional-qualifications"><procedure>pq-request</procedure><procedure>pq-alert</procedure>
                <procedure>professional-card</procedure></grant></authority>
              <authority id="FR-SOLVIT" country="FR"><name lang="fr">Centre SOLVIT France</name><accessPoint>gw-c</accessPoint>
                <grant policyArea="solvit"><procedure>solvit-complaints</procedure></grant></authority>
              <authority id="FR-DGT" country="FR"><name lang="fr">Direction générale du travail</name><accessPoint>gw-c</accessPoint>
                <grant policyArea="posting-of-workers"><procedure>posting-declarations</procedure></grant></authority>
              <coordinator authority="DE-BVA" country="DE" scope="national"/>
              <coordinator authority="FR-SGAE" country="FR" scope="national"/>
            </directory>
            """;

    private HubDemo() {
    }

    /** The API key of the demo's public interface client; the hub knows only its SHA-256. */
    private static final String PORTAL_KEY = "demo-portal-key";

    /** Makes the home a hub with the demo directory and its public interface on a free port. */
    static void configure(Path hubHome) throws IOException {
        String keyHash = HexFormat.of().formatHex(sha256(PORTAL_KEY));
        Files.writeString(hubHome.resolve("config/gateway.properties"), String.join("\n", "gateway.role=hub",
                "public.enabled=true", "public.port=0", "public.clients=portal",
                "public.client.portal.apiKeySha256=" + keyHash, ""), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Path folder = Files.createDirectories(hubHome.resolve("config/directory"));
        Files.writeString(folder.resolve("demo.xml"), DIRECTORY, StandardCharsets.UTF_8);
    }

    static List<Step> run(Map<String, Gateway> gateways, Path payloads) throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<Step> steps = new ArrayList<>();
        steps.add(exchange(gateways, payloads, "IMI request", ImiDocumentType.REQUEST_SUBMIT, "DE-AEK-BERLIN", "gw-b",
                List.of("FR-ORDRE"), """
                <request xmlns="urn:imigateway:imi:request:1"><case procedure="pq-request" id="DE-DEMO-1"/>
                <from>DE-AEK-BERLIN</from><to>FR-ORDRE</to><answerBy>%s</answerBy>
                <subject lang="de">Anerkennung eines Arztdiploms</subject>
                <questionSet code="pq-verification"><question id="document-authentic"/></questionSet></request>
                """.formatted(today.plusDays(14))));
        steps.add(exchange(gateways, payloads, "IMI alert to DE", ImiDocumentType.ALERT_SEND, "FR-ORDRE", "gw-c",
                List.of("DE-AEK-BERLIN", "DE-AEK-HAMBURG"), """
                <alert xmlns="urn:imigateway:imi:alert:1"><case procedure="pq-alert" id="FR-DEMO-A1"/><from>FR-ORDRE</from>
                <subject lang="fr">Interdiction d'exercer</subject><body lang="en">A physician was prohibited from practising.</body>
                <decisionDate>%s</decisionDate><country>DE</country></alert>
                """.formatted(today)));
        steps.add(exchange(gateways, payloads, "IMI repository publish", ImiDocumentType.REPOSITORY_PUBLISH, "FR-DGT", "gw-c",
                List.of(), """
                <entry xmlns="urn:imigateway:imi:repository:1"><repository>posting-declarations</repository>
                <entryId>FR-DECL-1</entryId><from>FR-DGT</from><field name="employer">Société Générale de Bâtiment</field></entry>
                """));
        steps.add(exchange(gateways, payloads, "IMI repository query", ImiDocumentType.REPOSITORY_QUERY, "DE-ZOLL", "gw-b",
                List.of("DE-ZOLL"), """
                <query xmlns="urn:imigateway:imi:repository:1"><repository>posting-declarations</repository>
                <queryId>demo-q1</queryId><from>DE-ZOLL</from><field name="employer">societe generale de batiment</field></query>
                """));
        steps.add(publicDeclaration(gateways.get(HUB), today));
        return steps;
    }

    /** A service provider's declaration through the hub's public interface (HTTPS, API key), until DELIVERED. */
    private static Step publicDeclaration(Gateway hub, LocalDate today) throws Exception {
        String declaration = """
                <declaration xmlns="urn:imigateway:imi:submission:1"><procedure>posting-declarations</procedure>
                <country>DE</country><language>lv</language>
                <serviceProvider><name>SIA Baltijas Būve</name><registrationNumber>LV40003123456</registrationNumber>
                <address><street>Brīvības iela 100</street><city>Rīga</city><country>LV</country></address></serviceProvider>
                <period><start>%s</start><end>%s</end></period>
                <placeOfWork><street>Alexanderplatz 1</street><city>Berlin</city><country>DE</country></placeOfWork>
                <service lang="lv">Fasādes siltināšana</service>
                <postedWorker><familyName>Bērziņš</familyName><givenName>Jānis</givenName>
                <occupation list="isco-08" code="7122">Floor layers</occupation><socialSecurityCountry>LV</socialSecurityCountry>
                </postedWorker><contactPerson><familyName>Ozola</familyName><givenName>Anna</givenName>
                <contact><email>anna.ozola@baltbuve.example</email></contact></contactPerson></declaration>
                """.formatted(today.plusDays(7), today.plusDays(90));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(Stores.read(hub.config().trustStore(), hub.config().trustStorePassword()));
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        HttpClient client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
        String base = "https://localhost:" + hub.publicInterface().orElseThrow().port() + PublicEndpoint.SUBMISSIONS;
        HttpResponse<String> accepted = client.send(HttpRequest.newBuilder(URI.create(base))
                .header(PublicEndpoint.API_KEY_HEADER, PORTAL_KEY).header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString(declaration)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher tracking = Pattern.compile("\"trackingId\":\"([^\"]+)\"").matcher(accepted.body());
        if (accepted.statusCode() != 202 || !tracking.find()) {
            return new Step("public declaration", "HTTPS", "gw-b", "HTTP " + accepted.statusCode(), "-", accepted.body());
        }
        String trackingId = tracking.group(1);
        String status = "";
        Instant deadline = Instant.now().plusSeconds(60);
        while (!status.contains("\"DELIVERED\"") && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            status = client.send(HttpRequest.newBuilder(URI.create(base + "/" + trackingId))
                    .header(PublicEndpoint.API_KEY_HEADER, PORTAL_KEY).build(), HttpResponse.BodyHandlers.ofString()).body();
        }
        Matcher state = Pattern.compile("\"status\":\"([A-Z]+)\"").matcher(status);
        return new Step("public declaration", "HTTPS", "gw-b", state.find() ? state.group(1) : "?",
                hub.publicInterface().orElseThrow().submissions().messageId(trackingId), "tracking " + trackingId
                        + " -> DE-ZOLL");
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Step exchange(Map<String, Gateway> gateways, Path payloads, String what, ImiDocumentType type,
            String sender, String accessPoint, List<String> recipients, String xml) throws Exception {
        Path payload = Files.writeString(payloads.resolve(type.name().toLowerCase() + ".xml"), xml, StandardCharsets.UTF_8);
        Gateway gateway = gateways.get(accessPoint);
        String id = gateway.submit(Submission.to(HUB).service(type.service(), ImiDocumentType.SERVICE_TYPE).action(type.action())
                .property(MessageProperty.of(Cooperation.ORIGINAL_SENDER, sender))
                .property(MessageProperty.of(Cooperation.FINAL_RECIPIENT, recipients.isEmpty() ? sender : recipients.get(0)))
                .payload(Payload.of(payload, "application/xml")).build());
        MessageRecord record = gateway.awaitOutcome(id, Duration.ofSeconds(60));
        List<String> arrived = new ArrayList<>();
        Instant deadline = Instant.now().plusSeconds(30);
        while (arrived.size() < recipients.size() && Instant.now().isBefore(deadline)) {
            arrived = arrivals(gateways, id);
            Thread.sleep(100);
        }
        List<String> authorities = arrived.stream().map(a -> a.substring(0, a.indexOf('@'))).toList();
        String status = record.status().name().equals("ACKNOWLEDGED") && authorities.containsAll(recipients)
                ? "DELIVERED" : record.status().name();
        String detail = recipients.isEmpty() ? sender + " -> repository at the hub"
                : sender + " -> " + String.join(", ", arrived);
        return new Step(what, accessPoint, recipients.isEmpty() ? HUB : String.join("+", recipientParties(arrived)),
                status, id, detail);
    }

    /** The authorities whose access point's backend holds a message the hub made from {@code messageId}, with the party. */
    private static List<String> arrivals(Map<String, Gateway> gateways, String messageId) throws IOException {
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, Gateway> gateway : gateways.entrySet()) {
            for (Path folder : gateway.getValue().inbox().messages()) {
                Delivery meta = FolderInbox.read(folder);
                if (meta.refToMessageId().equals(Optional.of(messageId))) {
                    for (MessageProperty property : meta.properties()) {
                        if (Cooperation.FINAL_RECIPIENT.equals(property.name())) {
                            found.add(property.value() + "@" + gateway.getKey());
                        }
                    }
                }
            }
        }
        return found.stream().sorted().toList();
    }

    private static List<String> recipientParties(List<String> arrived) {
        return arrived.stream().map(a -> a.substring(a.indexOf('@') + 1)).distinct().toList();
    }
}
