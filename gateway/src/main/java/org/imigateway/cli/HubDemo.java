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
import java.util.Properties;

import org.imigateway.Gateway;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;
import org.imigateway.cooperation.Cooperation;
import org.imigateway.route.FolderInbox;
import org.imigateway.schemas.imi.ImiDocumentType;
import org.imigateway.store.MessageRecord;

/**
 * The cooperation part of the demo: gw-a is the hub, gw-b the national access point of the
 * German authorities, gw-c of the French ones. A request, an alert and a repository query go
 * through the hub; each row says whether the message reached the authority it was for.
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

    /** Makes the home a hub with the demo directory. */
    static void configure(Path hubHome) throws IOException {
        Files.writeString(hubHome.resolve("config/gateway.properties"), "gateway.role=hub\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
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
        return steps;
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
                if (!Files.exists(folder.resolve("message.properties"))) {
                    continue;
                }
                Properties meta = FolderInbox.read(folder);
                if (messageId.equals(meta.getProperty("refToMessageId"))) {
                    for (int i = 1; meta.getProperty("property." + i + ".name") != null; i++) {
                        if (Cooperation.FINAL_RECIPIENT.equals(meta.getProperty("property." + i + ".name"))) {
                            found.add(meta.getProperty("property." + i + ".value") + "@" + gateway.getKey());
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
