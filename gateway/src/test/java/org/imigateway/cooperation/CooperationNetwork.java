package org.imigateway.cooperation;

import static org.imigateway.GatewayParts.partsOf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.imigateway.Gateway;
import org.imigateway.TestNetwork;
import org.imigateway.connectors.Delivery;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;
import org.imigateway.connectors.fs.FolderInbox;
import org.imigateway.schemas.imi.ImiDocumentType;
import org.imigateway.store.MessageRecord;
import org.imigateway.store.MessageStatus;

/**
 * One hub and three national access points on loopback: ap-1 serves DE, AT, LU; ap-2 FR, BE,
 * NL; ap-3 PL, LV, LT, EE, SE. The hub's directory file lists the authorities below; a national
 * system is played by the test, which submits at its access point and reads the access point's
 * default backend (the inbox folder) for what the hub sent on.
 */
final class CooperationNetwork implements AutoCloseable {

    static final String HUB = "hub";
    static final List<String> ACCESS_POINTS = List.of("ap-1", "ap-2", "ap-3");

    /** Authority id, country, access point, region ('-' none), name language, name, procedures granted (area:procedure). */
    static final List<String[]> AUTHORITIES = List.of(
            row("DE-BVA", "DE", "ap-1", "-", "de", "Bundesverwaltungsamt", "professional-qualifications:pq-request"),
            row("DE-SENAT-BERLIN", "DE", "ap-1", "berlin", "de", "Senatsverwaltung für Gesundheit Berlin",
                    "professional-qualifications:pq-request"),
            row("DE-AEK-BERLIN", "DE", "ap-1", "berlin", "de", "Ärztekammer Berlin",
                    "professional-qualifications:pq-request,pq-alert"),
            row("DE-AEK-HAMBURG", "DE", "ap-1", "hamburg", "de", "Aerztekammer Hamburg",
                    "professional-qualifications:pq-request,pq-alert"),
            row("DE-LPA-BAYERN", "DE", "ap-1", "bayern", "de", "Landesprüfungsamt Bayern", "professional-qualifications:pq-alert"),
            row("DE-ZOLL", "DE", "ap-1", "-", "de", "Generalzolldirektion", "posting-of-workers:posting-declarations"),
            row("DE-KAMMER-SH", "DE", "ap-1", "-", "de", "Zahnärztekammer Schleswig-Holstein", "professional-qualifications:pq-alert"),
            row("AT-BMGS", "AT", "ap-1", "-", "de", "Bundesministerium für Gesundheit", "professional-qualifications:pq-alert"),
            row("AT-OEAK", "AT", "ap-1", "-", "de", "Österreichische Ärztekammer", "professional-qualifications:pq-alert"),
            row("AT-OEGKV", "AT", "ap-1", "-", "de", "Gesundheitsberuferegister", "professional-qualifications:pq-alert"),
            row("LU-MS", "LU", "ap-1", "-", "fr", "Ministère de la Santé", "professional-qualifications:pq-alert"),
            row("LU-CMD", "LU", "ap-1", "-", "fr", "Collège médical", "professional-qualifications:pq-alert"),
            row("FR-SGAE", "FR", "ap-2", "-", "fr", "Secrétariat général des affaires européennes", "professional-qualifications:pq-alert"),
            row("FR-ORDRE", "FR", "ap-2", "-", "fr", "Ordre des médecins", "professional-qualifications:pq-request,pq-alert"),
            row("FR-ARS", "FR", "ap-2", "-", "fr", "Agence régionale de santé", "professional-qualifications:pq-alert"),
            row("BE-SPF", "BE", "ap-2", "-", "nl", "Federale Overheidsdienst Volksgezondheid", "professional-qualifications:pq-alert"),
            row("BE-ORDRE", "BE", "ap-2", "-", "fr", "Ordre des pharmaciens", "professional-qualifications:pq-alert"),
            row("NL-BIG", "NL", "ap-2", "-", "nl", "BIG-register", "professional-qualifications:pq-alert"),
            row("NL-DUO", "NL", "ap-2", "-", "nl", "Dienst Uitvoering Onderwijs", "professional-qualifications:pq-alert"),
            row("NL-IGJ", "NL", "ap-2", "-", "nl", "Inspectie Gezondheidszorg en Jeugd", "professional-qualifications:pq-alert"),
            row("PL-NIL", "PL", "ap-3", "-", "pl", "Naczelna Izba Lekarska", "professional-qualifications:pq-request,pq-alert"),
            row("PL-MZ", "PL", "ap-3", "-", "pl", "Ministerstwo Zdrowia", "professional-qualifications:pq-alert"),
            row("PL-PIP", "PL", "ap-3", "-", "pl", "Państwowa Inspekcja Pracy", "posting-of-workers:posting-declarations"),
            row("LV-VI", "LV", "ap-3", "-", "lv", "Veselības inspekcija", "professional-qualifications:pq-request,pq-alert"),
            row("LV-VM", "LV", "ap-3", "-", "lv", "Veselības ministrija", "professional-qualifications:pq-alert"),
            row("LV-VDI", "LV", "ap-3", "-", "lv", "Valsts darba inspekcija", "posting-of-workers:posting-declarations"),
            row("LT-SAM", "LT", "ap-3", "-", "lt", "Sveikatos apsaugos ministerija", "professional-qualifications:pq-alert"),
            row("LT-VASPVT", "LT", "ap-3", "-", "lt", "Valstybinė akreditavimo tarnyba", "professional-qualifications:pq-alert"),
            row("EE-TA", "EE", "ap-3", "-", "et", "Terviseamet", "professional-qualifications:pq-alert"),
            row("EE-HTM", "EE", "ap-3", "-", "et", "Haridus- ja Teadusministeerium", "professional-qualifications:pq-alert"),
            row("SE-SOS", "SE", "ap-3", "-", "sv", "Socialstyrelsen", "professional-qualifications:pq-alert"));

    /** The authorities granted pq-alert outside Sweden: the 25 recipients of an alert from SE-SOS to the 10 countries. */
    static final List<String> ALERT_COUNTRIES = List.of("DE", "AT", "LU", "FR", "BE", "NL", "PL", "LV", "LT", "EE");

    private final TestNetwork network;
    private final Path work;
    private int counter;

    private CooperationNetwork(TestNetwork network, Path work) {
        this.network = network;
        this.work = work;
    }

    static CooperationNetwork start(Path dir) throws Exception {
        List<String> parties = new ArrayList<>(List.of(HUB));
        parties.addAll(ACCESS_POINTS);
        TestNetwork network = TestNetwork.create(dir.resolve("net"), parties.toArray(String[]::new));
        Path hubHome = network.plan().home(HUB);
        Files.writeString(hubHome.resolve("config/gateway.properties"), "gateway.role=hub\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        Files.createDirectories(hubHome.resolve("config/directory"));
        Files.writeString(hubHome.resolve("config/directory/authorities.xml"), directoryXml(), StandardCharsets.UTF_8);
        CooperationNetwork cooperation = new CooperationNetwork(network, Files.createDirectories(dir.resolve("work")));
        try {
            for (String party : parties) {
                network.start(party);
            }
        } catch (Exception e) {
            network.close();
            throw e;
        }
        return cooperation;
    }

    Gateway gateway(String party) {
        return network.gateway(party);
    }

    CooperationHub hub() {
        return partsOf(network.gateway(HUB)).cooperationHub().orElseThrow();
    }

    /** The access point of an authority's country (the id starts with it), also for authorities not in the directory. */
    static String accessPointOf(String authority) {
        String country = authority.substring(0, 2);
        return AUTHORITIES.stream().filter(a -> a[1].equals(country)).findFirst().orElseThrow()[2];
    }

    /**
     * The national system of {@code sender} submits a business message to the hub through its
     * access point; returns its MessageId once the hub has acknowledged it.
     */
    String send(ImiDocumentType type, String sender, String finalRecipient, String xml) throws Exception {
        return send(accessPointOf(sender), type, sender, finalRecipient, xml);
    }

    String send(String accessPoint, ImiDocumentType type, String sender, String finalRecipient, String xml) throws Exception {
        Path payload = Files.writeString(work.resolve("payload-" + (++counter) + ".xml"), xml, StandardCharsets.UTF_8);
        Gateway gateway = network.gateway(accessPoint);
        String messageId = gateway.submit(Submission.to(HUB)
                .service(type.service(), ImiDocumentType.SERVICE_TYPE)
                .action(type.action())
                .property(MessageProperty.of(Cooperation.ORIGINAL_SENDER, sender))
                .property(MessageProperty.of(Cooperation.FINAL_RECIPIENT, finalRecipient))
                .payload(Payload.of(payload, "application/xml"))
                .build());
        MessageRecord outcome = gateway.awaitOutcome(messageId, Duration.ofSeconds(60));
        if (outcome.status() != MessageStatus.ACKNOWLEDGED) {
            throw new AssertionError("the hub did not acknowledge " + type + ": " + outcome);
        }
        return messageId;
    }

    /** A message the hub sent on, as the access point's default backend holds it. */
    record Received(String accessPoint, Delivery meta, String payload) {
        String action() {
            return meta.action();
        }

        String property(String name) {
            return meta.property(name).orElse("");
        }

        String finalRecipient() {
            return property(Cooperation.FINAL_RECIPIENT);
        }

        String refToMessageId() {
            return meta.refToMessageId().orElse("");
        }
    }

    /** Everything every access point's backend holds now. */
    List<Received> received() throws IOException {
        List<Received> all = new ArrayList<>();
        for (String accessPoint : ACCESS_POINTS) {
            for (Path folder : network.gateway(accessPoint).inbox().messages()) {
                if (Files.exists(folder.resolve(FolderInbox.METADATA))) {
                    all.add(new Received(accessPoint, FolderInbox.read(folder),
                            Files.readString(folder.resolve("payload-1"), StandardCharsets.UTF_8)));
                }
            }
        }
        return all;
    }

    /** Waits until {@code count} delivered messages match, and returns them; fails after 60 s. */
    List<Received> await(Predicate<Received> which, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            List<Received> found = received().stream().filter(which).toList();
            if (found.size() >= count || System.nanoTime() > deadline) {
                if (found.size() != count) {
                    throw new AssertionError("expected " + count + " delivered message(s), found " + found.size() + ": "
                            + found.stream().map(r -> r.accessPoint() + "/" + r.action() + "/" + r.finalRecipient()).toList());
                }
                return found;
            }
            Thread.sleep(50);
        }
    }

    /** The one message the hub made from the received {@code messageId} for {@code recipient}. */
    Received awaitFrom(String messageId, String recipient) throws Exception {
        return await(r -> r.refToMessageId().equals(messageId) && r.finalRecipient().equals(recipient), 1).get(0);
    }

    private static String[] row(String... values) {
        return values;
    }

    private static String directoryXml() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<directory xmlns=\"urn:imigateway:imi:directory:1\">\n");
        for (String[] a : AUTHORITIES) {
            xml.append("  <authority id=\"").append(a[0]).append("\" country=\"").append(a[1]).append("\">\n")
                    .append("    <name lang=\"").append(a[4]).append("\">").append(a[5]).append("</name>\n");
            if (!a[3].equals("-")) {
                xml.append("    <region>").append(a[3]).append("</region>\n");
            }
            xml.append("    <accessPoint>").append(a[2]).append("</accessPoint>\n");
            Map<String, List<String>> grants = new LinkedHashMap<>();
            for (String grant : a[6].split(";")) {
                String[] parts = grant.split(":");
                grants.put(parts[0], List.of(parts[1].split(",")));
            }
            grants.forEach((area, procedures) -> {
                xml.append("    <grant policyArea=\"").append(area).append("\">");
                procedures.forEach(p -> xml.append("<procedure>").append(p).append("</procedure>"));
                xml.append("</grant>\n");
            });
            xml.append("  </authority>\n");
        }
        // national coordinators; Berlin has its own regional coordinator (a mixed set-up)
        for (String[] national : List.of(new String[] {"DE-BVA", "DE"}, new String[] {"LV-VM", "LV"},
                new String[] {"FR-SGAE", "FR"}, new String[] {"PL-MZ", "PL"})) {
            xml.append("  <coordinator authority=\"").append(national[0]).append("\" country=\"").append(national[1])
                    .append("\" scope=\"national\"/>\n");
        }
        xml.append("  <coordinator authority=\"DE-SENAT-BERLIN\" country=\"DE\" scope=\"region\" region=\"berlin\"/>\n");
        xml.append("</directory>\n");
        return xml.toString();
    }

    Optional<Path> workFolder() {
        return Optional.of(work);
    }

    @Override
    public void close() {
        network.close();
    }
}
