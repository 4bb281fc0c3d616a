package org.imigateway.cooperation;

import static org.imigateway.GatewayParts.partsOf;

import static org.imigateway.cooperation.CooperationNetwork.ALERT_COUNTRIES;
import static org.imigateway.cooperation.CooperationNetwork.AUTHORITIES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.imigateway.cooperation.CooperationNetwork.Received;
import org.imigateway.directory.Directory;
import org.imigateway.directory.SearchQuery;
import org.imigateway.schemas.imi.ImiDocumentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cooperation hub end to end: one hub and three national access points on loopback, real
 * AS4 between them; national systems are played by submitting at an access point and reading
 * its default backend.
 */
class CooperationHubTest {

    private static final LocalDate TODAY = LocalDate.now(java.time.ZoneOffset.UTC);

    @TempDir
    static Path dir;

    private static CooperationNetwork network;

    @BeforeAll
    static void start() throws Exception {
        network = CooperationNetwork.start(dir);
    }

    @AfterAll
    static void stop() {
        if (network != null) {
            network.close();
        }
    }

    private static String step(String root, String caseId, String from, String to, String body) {
        return "<" + root + " xmlns=\"urn:imigateway:imi:request:1\"><case procedure=\"pq-request\" id=\"" + caseId
                + "\"/><from>" + from + "</from><to>" + to + "</to>" + body + "</" + root + ">";
    }

    private static String request(String caseId, String from, String to) {
        return step("request", caseId, from, to, "<answerBy>" + TODAY.plusDays(20) + "</answerBy>"
                + "<subject lang=\"de\">Anerkennung eines Arztdiploms</subject>"
                + "<questionSet code=\"pq-verification\"><question id=\"document-authentic\"/><question id=\"sanctioned\"/>"
                + "</questionSet>");
    }

    private static String text(String words) {
        return "<text lang=\"en\">" + words + "</text>";
    }

    /** Sends one request step and returns what the addressed authority's national system received. */
    private static Received stepReaches(ImiDocumentType type, String from, String to, String xml) throws Exception {
        String id = network.send(type, from, to, xml);
        Received received = network.awaitFrom(id, to);
        assertEquals(CooperationNetwork.accessPointOf(to), received.accessPoint());
        assertEquals(type.action(), received.action());
        assertEquals(from, received.property(Cooperation.ORIGINAL_SENDER));
        return received;
    }

    private static Received refusalOf(String messageId, String sender) throws Exception {
        Received refusal = network.awaitFrom(messageId, sender);
        assertEquals("Refuse", refusal.action());
        assertEquals(CooperationNetwork.accessPointOf(sender), refusal.accessPoint());
        return refusal;
    }

    @Test
    void requestLivesItsWholeLifecycleWithForwardAndFurtherInformationAndRefusesAnAnswerBeforeAcceptance()
            throws Exception {
        String caseId = "DE-2026-0001";
        stepReaches(ImiDocumentType.REQUEST_SUBMIT, "DE-AEK-BERLIN", "FR-ORDRE", request(caseId, "DE-AEK-BERLIN", "FR-ORDRE"));
        stepReaches(ImiDocumentType.REQUEST_FORWARD, "FR-ORDRE", "PL-NIL",
                step("forwarding", caseId, "FR-ORDRE", "PL-NIL", "<reason lang=\"fr\">Autorité compétente</reason>"));

        String early = network.send(ImiDocumentType.REQUEST_ANSWER, "PL-NIL", "DE-AEK-BERLIN",
                step("answers", caseId, "PL-NIL", "DE-AEK-BERLIN", "<answer question=\"document-authentic\"><yesNo>true</yesNo></answer>"));
        Received refusal = refusalOf(early, "PL-NIL");
        assertTrue(refusal.payload().contains("<state>SENT</state>"), refusal.payload());
        assertTrue(refusal.payload().contains("<action>Answer</action>"), refusal.payload());
        assertTrue(refusal.payload().contains("action Answer is not allowed in state SENT"), refusal.payload());

        stepReaches(ImiDocumentType.REQUEST_ACCEPT, "PL-NIL", "DE-AEK-BERLIN",
                step("acceptance", caseId, "PL-NIL", "DE-AEK-BERLIN", "<answerBy>" + TODAY.plusDays(20) + "</answerBy>"));
        stepReaches(ImiDocumentType.REQUEST_ASK_INFORMATION, "PL-NIL", "DE-AEK-BERLIN",
                step("furtherInformation", caseId, "PL-NIL", "DE-AEK-BERLIN", text("Please send the diploma supplement.")));
        stepReaches(ImiDocumentType.REQUEST_GIVE_INFORMATION, "DE-AEK-BERLIN", "PL-NIL",
                step("furtherInformation", caseId, "DE-AEK-BERLIN", "PL-NIL", text("Attached.")));
        Received answers = stepReaches(ImiDocumentType.REQUEST_ANSWER, "PL-NIL", "DE-AEK-BERLIN",
                step("answers", caseId, "PL-NIL", "DE-AEK-BERLIN", "<answer question=\"document-authentic\"><yesNo>true</yesNo></answer>"
                        + "<answer question=\"sanctioned\"><yesNo>false</yesNo></answer>"));
        assertTrue(answers.payload().contains("document-authentic"));
        stepReaches(ImiDocumentType.REQUEST_CLOSE, "DE-AEK-BERLIN", "PL-NIL", step("closure", caseId, "DE-AEK-BERLIN", "PL-NIL", ""));

        String afterClose = network.send(ImiDocumentType.REQUEST_ANSWER, "PL-NIL", "DE-AEK-BERLIN",
                step("answers", caseId, "PL-NIL", "DE-AEK-BERLIN", "<answer question=\"sanctioned\"><yesNo>false</yesNo></answer>"));
        assertTrue(refusalOf(afterClose, "PL-NIL").payload().contains("<state>CLOSED</state>"));
    }

    @Test
    void aRequestPastItsAnswerByDateRaisesOneOverdueEventToBothAuthorities() throws Exception {
        String caseId = "DE-2026-0100";
        stepReaches(ImiDocumentType.REQUEST_SUBMIT, "DE-AEK-HAMBURG", "FR-ORDRE",
                request(caseId, "DE-AEK-HAMBURG", "FR-ORDRE").replace(TODAY.plusDays(20).toString(), TODAY.plusDays(1).toString()));

        assertEquals(0, network.hub().raiseOverdue(TODAY.plusDays(1)), "not overdue on its answer-by date");
        assertTrue(network.hub().raiseOverdue(TODAY.plusDays(2)) >= 1);
        network.hub().raiseOverdue(TODAY.plusDays(3));

        List<Received> events = network.await(r -> r.action().equals("Overdue") && r.payload().contains(caseId), 2);
        assertEquals(Set.of("DE-AEK-HAMBURG", "FR-ORDRE"), events.stream().map(Received::finalRecipient).collect(Collectors.toSet()));
        assertTrue(events.get(0).payload().contains("<state>SENT</state>"), events.get(0).payload());
    }

    @Test
    void alertReachesTwentyFiveAuthoritiesInTenCountriesOnceAndItsWithdrawalTheSameOnes() throws Exception {
        Set<String> expected = AUTHORITIES.stream()
                .filter(a -> ALERT_COUNTRIES.contains(a[1]) && a[6].contains("pq-alert")).map(a -> a[0])
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(25, expected.size());
        assertEquals(10, AUTHORITIES.stream().filter(a -> expected.contains(a[0])).map(a -> a[1]).distinct().count());
        String alert = "<alert xmlns=\"urn:imigateway:imi:alert:1\"><case procedure=\"pq-alert\" id=\"SE-A-1\"/>"
                + "<from>SE-SOS</from><subject lang=\"sv\">Förbud att utöva yrket</subject>"
                + "<body lang=\"en\">A physician was prohibited from practising.</body>"
                + "<decisionDate>" + TODAY.minusDays(1) + "</decisionDate>"
                + ALERT_COUNTRIES.stream().map(c -> "<country>" + c + "</country>").collect(Collectors.joining()) + "</alert>";

        String sent = network.send(ImiDocumentType.ALERT_SEND, "SE-SOS", "SE-SOS", alert);

        List<Received> copies = network.await(r -> r.refToMessageId().equals(sent), 25);
        assertEquals(expected, copies.stream().map(Received::finalRecipient).collect(Collectors.toCollection(TreeSet::new)));
        for (Received copy : copies) {
            assertEquals(CooperationNetwork.accessPointOf(copy.finalRecipient()), copy.accessPoint());
        }

        String withdrawal = network.send(ImiDocumentType.ALERT_WITHDRAW, "SE-SOS", "SE-SOS",
                "<alertEnd xmlns=\"urn:imigateway:imi:alert:1\"><case procedure=\"pq-alert\" id=\"SE-A-1\"/>"
                        + "<from>SE-SOS</from><reason lang=\"en\">Sent in error.</reason></alertEnd>");
        List<Received> withdrawn = network.await(r -> r.refToMessageId().equals(withdrawal), 25);
        assertEquals(expected, withdrawn.stream().map(Received::finalRecipient).collect(Collectors.toCollection(TreeSet::new)));
        Thread.sleep(1000); // and no second copy of either turns up late
        assertEquals(25, network.received().stream().filter(r -> r.refToMessageId().equals(sent)).count());
        assertEquals(25, network.received().stream().filter(r -> r.refToMessageId().equals(withdrawal)).count());

        // Personal data: the alert's case is its sender's and its 25 recipients'; nobody else reads it.
        org.imigateway.store.PayloadAccess access = partsOf(network.gateway(CooperationNetwork.HUB)).payloadAccess();
        assertInstanceOf(org.imigateway.store.PayloadAccess.Granted.class, access.read("LT-SAM", sent, "handling the alert"));
        assertInstanceOf(org.imigateway.store.PayloadAccess.Granted.class, access.read("SE-SOS", sent, "our own alert"));
        assertInstanceOf(org.imigateway.store.PayloadAccess.Refused.class, access.read("DE-ZOLL", sent, "not alerted"));
    }

    @Test
    void alertLaterThanThreeDaysAfterTheDecisionIsRefused() throws Exception {
        String late = network.send(ImiDocumentType.ALERT_SEND, "SE-SOS", "SE-SOS",
                "<alert xmlns=\"urn:imigateway:imi:alert:1\"><case procedure=\"pq-alert\" id=\"SE-A-2\"/>"
                        + "<from>SE-SOS</from><subject lang=\"en\">Late</subject><body lang=\"en\">Late.</body>"
                        + "<decisionDate>" + TODAY.minusDays(4) + "</decisionDate><country>DE</country></alert>");

        assertTrue(refusalOf(late, "SE-SOS").payload().contains("must go out within 3 days of the decision"));
    }

    @Test
    void repositoryEntryIsFoundFromAnotherCountryAndRefusedOutsideTheAccessGroup() throws Exception {
        network.send(ImiDocumentType.REPOSITORY_PUBLISH, "PL-PIP", "PL-PIP",
                "<entry xmlns=\"urn:imigateway:imi:repository:1\"><repository>posting-declarations</repository>"
                        + "<entryId>PL-DECL-77</entryId><from>PL-PIP</from>"
                        + "<field name=\"employer\">Budimex Łódź sp. z o.o.</field><field name=\"host-country\">DE</field></entry>");

        String query = network.send(ImiDocumentType.REPOSITORY_QUERY, "DE-ZOLL", "DE-ZOLL",
                "<query xmlns=\"urn:imigateway:imi:repository:1\"><repository>posting-declarations</repository>"
                        + "<queryId>q-1</queryId><from>DE-ZOLL</from><field name=\"employer\">budimex lodz</field></query>");
        Received result = network.awaitFrom(query, "DE-ZOLL");
        assertEquals("Result", result.action());
        assertEquals("ap-1", result.accessPoint());
        assertTrue(result.payload().contains("<entryId>PL-DECL-77</entryId>"), result.payload());

        String outsider = network.send(ImiDocumentType.REPOSITORY_QUERY, "LV-VDI", "LV-VDI",
                "<query xmlns=\"urn:imigateway:imi:repository:1\"><repository>posting-declarations</repository>"
                        + "<queryId>q-2</queryId><from>LV-VDI</from></query>");
        assertTrue(refusalOf(outsider, "LV-VDI").payload()
                .contains("authority LV-VDI of country LV is not in the access group of repository posting-declarations"));
    }

    @Test
    void registrationApprovedByTheRightCoordinatorLetsTheAuthorityExchangeAndUnregisteredOrSuspendedAreRefused()
            throws Exception {
        String registration = network.send(ImiDocumentType.DIRECTORY_REGISTER, "DE-ZAEK-BERLIN", "DE-SENAT-BERLIN",
                "<registration xmlns=\"urn:imigateway:imi:directory:1\"><authority id=\"DE-ZAEK-BERLIN\" country=\"DE\">"
                        + "<name lang=\"de\">Zahnärztekammer Berlin</name><region>berlin</region><accessPoint>ap-1</accessPoint>"
                        + "<grant policyArea=\"professional-qualifications\"><procedure>pq-request</procedure></grant>"
                        + "</authority></registration>");
        assertEquals("Register", network.awaitFrom(registration, "DE-SENAT-BERLIN").action());

        String early = network.send(ImiDocumentType.REQUEST_SUBMIT, "DE-ZAEK-BERLIN", "FR-ORDRE",
                request("DE-2026-0002", "DE-ZAEK-BERLIN", "FR-ORDRE"));
        assertTrue(refusalOf(early, "DE-ZAEK-BERLIN").payload().contains("authority DE-ZAEK-BERLIN is pending"));

        String wrong = network.send(ImiDocumentType.DIRECTORY_DECIDE, "DE-BVA", "DE-ZAEK-BERLIN", decision("DE-BVA", "approve"));
        assertTrue(refusalOf(wrong, "DE-BVA").payload().contains("DE-BVA is not the coordinator responsible for DE-ZAEK-BERLIN"));
        String approval = network.send(ImiDocumentType.DIRECTORY_DECIDE, "DE-SENAT-BERLIN", "DE-ZAEK-BERLIN",
                decision("DE-SENAT-BERLIN", "approve"));
        assertEquals("Decide", network.awaitFrom(approval, "DE-ZAEK-BERLIN").action());

        stepReaches(ImiDocumentType.REQUEST_SUBMIT, "DE-ZAEK-BERLIN", "FR-ORDRE", request("DE-2026-0003", "DE-ZAEK-BERLIN", "FR-ORDRE"));

        String stranger = network.send("ap-1", ImiDocumentType.REQUEST_SUBMIT, "DE-NOBODY", "FR-ORDRE",
                request("DE-2026-0004", "DE-NOBODY", "FR-ORDRE"));
        assertTrue(refusalOf(stranger, "DE-NOBODY").payload().contains("originalSender DE-NOBODY is not registered"));

        String suspension = network.send(ImiDocumentType.DIRECTORY_DECIDE, "LV-VM", "LV-VI",
                "<decision xmlns=\"urn:imigateway:imi:directory:1\"><from>LV-VM</from><authority>LV-VI</authority>"
                        + "<outcome>suspend</outcome></decision>");
        network.awaitFrom(suspension, "LV-VI");
        String suspended = network.send(ImiDocumentType.REQUEST_SUBMIT, "LV-VI", "FR-ORDRE", request("LV-2026-1", "LV-VI", "FR-ORDRE"));
        assertTrue(refusalOf(suspended, "LV-VI").payload().contains("authority LV-VI is suspended"));
        String toSuspended = network.send(ImiDocumentType.REQUEST_SUBMIT, "FR-ORDRE", "LV-VI", request("FR-2026-9", "FR-ORDRE", "LV-VI"));
        assertTrue(refusalOf(toSuspended, "FR-ORDRE").payload().contains("recipient: authority LV-VI is suspended"));
    }

    private static String decision(String from, String outcome) {
        return "<decision xmlns=\"urn:imigateway:imi:directory:1\"><from>" + from + "</from><authority>DE-ZAEK-BERLIN"
                + "</authority><outcome>" + outcome + "</outcome></decision>";
    }

    @Test
    void directorySearchFoldsUmlautsBothWaysAndFindsLatvianWithoutDiacritics() throws Exception {
        String search = network.send(ImiDocumentType.DIRECTORY_SEARCH, "DE-AEK-BERLIN", "DE-AEK-BERLIN",
                "<search xmlns=\"urn:imigateway:imi:directory:1\" searchId=\"s-1\"><from>DE-AEK-BERLIN</from>"
                        + "<text>Ärztekammer</text></search>");
        Received result = network.awaitFrom(search, "DE-AEK-BERLIN");
        assertEquals("SearchResult", result.action());
        assertTrue(result.payload().contains("Aerztekammer Hamburg"), result.payload());
        assertTrue(result.payload().contains("Ärztekammer Berlin"), result.payload());

        Directory directory = network.hub().directory();
        assertTrue(directory.search(SearchQuery.text("Aerztekammer")).stream().anyMatch(a -> a.id().equals("DE-AEK-BERLIN")));
        assertTrue(directory.search(SearchQuery.text("Ärztekammer")).stream().anyMatch(a -> a.id().equals("DE-AEK-HAMBURG")));
        assertEquals("LV-VDI", directory.search(SearchQuery.text("valsts darba inspekcija")).get(0).id());
    }

    @Test
    void aPayloadThatDoesNotFitItsDocumentTypeIsRefusedBeforeTheReceiptNamingLineAndValue() throws Exception {
        Path bad = java.nio.file.Files.writeString(dir.resolve("bad.xml"),
                request("DE-2026-0009", "DE-AEK-BERLIN", "FR-ORDRE").replace("<answerBy>", "<answerBy>tomorrow").replaceAll(
                        "tomorrow[0-9-]+", "tomorrow"));
        var result = network.gateway("ap-1").send(org.imigateway.connectors.Submission.to(CooperationNetwork.HUB)
                .service(ImiDocumentType.Services.REQUEST, ImiDocumentType.SERVICE_TYPE).action("Submit")
                .property(org.imigateway.connectors.MessageProperty.of(Cooperation.ORIGINAL_SENDER, "DE-AEK-BERLIN"))
                .payload(org.imigateway.connectors.Payload.of(bad, "application/xml")).build());

        var refused = assertInstanceOf(org.imigateway.as4.outflow.SendResult.Failed.class, result, result::toString);
        assertEquals("EBMS:0004", refused.error().code().code());
        assertTrue(refused.error().detail().contains("line 1"), refused.error().detail());
        assertTrue(refused.error().detail().contains("'tomorrow'"), refused.error().detail());
    }
}
