package org.imigateway.as4.hostile;

import static org.imigateway.GatewayParts.partsOf;

import static org.imigateway.as4.hostile.HostileNetwork.PLAIN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.imigateway.LogCapture;
import org.imigateway.TestNetwork;
import org.imigateway.as4.EbmsErrorCode;
import org.imigateway.as4.inflow.FreshnessSettings;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;
import org.imigateway.connectors.SubmissionException;
import org.imigateway.schemas.ebms3.ErrorSignal;
import org.imigateway.schemas.ebms3.PartInfo;
import org.imigateway.schemas.ebms3.Property;
import org.imigateway.store.Direction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Values on the wire that are hostile by their content rather than their structure: line
 * breaks meant to forge log lines, fields longer than the message log keeps, timestamps out of
 * any sensible window, and the replay of recorded bytes.
 */
class WireValuesTest {

    @TempDir
    static Path dir;
    static HostileNetwork net;

    @BeforeAll
    static void start() throws Exception {
        net = HostileNetwork.start(dir);
    }

    @AfterAll
    static void stop() {
        net.close();
    }

    // --- log forging ---

    @Test
    void partyIdWithLineBreaksOfAnUnsignedMessageIsRefusedWithoutForgingALogLine() {
        String forged = forgedLine();
        try (LogCapture log = LogCapture.start()) {
            EbmsAnswer answer = net.crafter.craft().unsigned().unencrypted()
                    .from("mallory\n" + forged + "\r\n" + forged).post();

            ErrorSignal error = answer.error().orElseThrow(() -> new AssertionError("not refused: " + answer));
            assertFalse(error.getErrorDetail().matches("(?s).*[\r\n\u2028].*"), error.getErrorDetail());
            assertTrue(error.getErrorDetail().contains("mallory\\n" + forged), "escaped visibly: " + error.getErrorDetail());
            assertNoForgedLine(log, forged);
        }
    }

    @Test
    void messageIdWithLineBreaksFromASignedPartnerIsLoggedOnOneLine() throws Exception {
        String forged = forgedLine();
        String messageId = "forging-" + UUID.randomUUID() + "\n" + forged + "\u2028" + forged + "@crafter";
        try (LogCapture log = LogCapture.start()) {
            EbmsAnswer answer = net.crafter.craft().messageId(messageId).post();

            assertTrue(answer.isReceipt(), answer::toString);
            TestNetwork.awaitDelivered(net.receiver, messageId);
            assertNoForgedLine(log, forged);
        }
    }

    // --- over-long fields ---

    /** One header field made one character longer than the message log keeps (or far longer). */
    record OverLong(String field, int limit, UnaryOperator<Craft> attack) {
        @Override
        public String toString() {
            return field + " over " + limit;
        }
    }

    static Stream<OverLong> overLongFields() {
        String x256 = "x".repeat(256);
        return Stream.of(
                new OverLong("MessageInfo/MessageId", 255, c -> c.messageId("m".repeat(300) + "@crafter")),
                new OverLong("MessageInfo/RefToMessageId", 255, c -> c.header(m -> Attacks.user(m).getMessageInfo()
                        .setRefToMessageId("r".repeat(5000)))),
                new OverLong("CollaborationInfo/ConversationId", 255, c -> c.header(m -> Attacks.user(m)
                        .getCollaborationInfo().setConversationId("c".repeat(5000)))),
                new OverLong("PartyInfo/From/PartyId", 255, c -> c.from(x256)),
                new OverLong("PartyInfo/To/PartyId", 255, c -> c.to(x256)),
                new OverLong("CollaborationInfo/Service", 255, c -> c.header(m -> Attacks.user(m).getCollaborationInfo()
                        .getService().setValue(x256))),
                new OverLong("CollaborationInfo/Action", 255, c -> c.header(m -> Attacks.user(m).getCollaborationInfo()
                        .setAction(x256))),
                new OverLong("CollaborationInfo/AgreementRef", 255, c -> c.header(m -> Attacks.user(m)
                        .getCollaborationInfo().getAgreementRef().setValue(x256))),
                new OverLong("MessageProperties/Property[@name='note']", 1024, c -> c.header(m -> Attacks.user(m)
                        .getMessageProperties().getProperties().add(property("note", "v".repeat(5000))))),
                new OverLong("PayloadInfo/PartInfo/@href", 255, c -> c.header(m -> {
                    PartInfo part = Attacks.user(m).getPayloadInfo().getPartInfos().get(0);
                    part.setHref("cid:" + x256);
                })),
                new OverLong("PartInfo/PartProperties/Property[@name='MimeType']", 255, c -> c.parts(
                        Attacks.firstPartProperties(p -> {
                            p.removeIf(property -> property.name().equals("MimeType"));
                            p.add(MessageProperty.of("MimeType", "application/" + x256));
                        }))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overLongFields")
    void overLongFieldIsRefusedForGoodNamingFieldAndLimit(OverLong overLong) {
        try (LogCapture log = LogCapture.start()) {
            EbmsAnswer answer = overLong.attack().apply(net.crafter.craft()).post();

            ErrorSignal error = answer.error().orElseThrow(() -> new AssertionError("not refused: " + answer));
            assertEquals(EbmsErrorCode.INVALID_HEADER.code(), error.getErrorCode(), error::getErrorDetail);
            assertEquals("failure", error.getSeverity());
            assertEquals(500, answer.status(), "a final refusal, not 503 'try again'");
            assertTrue(error.getErrorDetail().contains("eb:" + overLong.field()), error::getErrorDetail);
            assertTrue(error.getErrorDetail().contains("at most " + overLong.limit()), error::getErrorDetail);
            assertFalse(error.getErrorDetail().toLowerCase().contains("again"), error::getErrorDetail);
            assertTrue(log.lines().stream().noneMatch(line -> line.startsWith("\tat ") || line.contains(" ERROR ")),
                    () -> "a stack trace or an ERROR was logged: " + log.lines());
        }
    }

    @Test
    void submissionWithAnOverLongConversationIdIsRefusedBeforeAnythingIsStored() {
        Submission submission = Submission.to(HostileNetwork.SENDER).service(DemoNetwork.SERVICE, DemoNetwork.SERVICE_TYPE)
                .action(DemoNetwork.ACTION).conversationId("c".repeat(5000)).messageId("too-long-" + UUID.randomUUID())
                .payload(Payload.of(note(), "application/xml")).build();

        SubmissionException refused = assertThrows(SubmissionException.class, () -> net.receiver.submit(submission));

        assertEquals("EBMS:0009", refused.errorCode());
        assertTrue(refused.getMessage().contains("eb:CollaborationInfo/ConversationId is 5000 characters long; at most 255"),
                refused.getMessage());
        assertTrue(partsOf(net.receiver).messageLog().find(submission.messageId().orElseThrow(), Direction.OUTBOUND).isEmpty());
    }

    // --- freshness ---

    static Stream<Instant> staleOrFutureMessageTimestamps() {
        Instant now = now();
        return Stream.of(now.minus(Duration.ofDays(2)), Instant.EPOCH, now.plus(Duration.ofDays(5 * 365)));
    }

    @ParameterizedTest(name = "eb:Timestamp {0}")
    @MethodSource("staleOrFutureMessageTimestamps")
    void signedMessageWithAStaleOrFutureTimestampIsRefused(Instant created) throws IOException {
        long storedBefore = net.storedInbound();
        CraftedMessage message = net.crafter.craft().header(Attacks.messageTimestamp(created)).build();

        EbmsAnswer answer = net.crafter.post(message);

        assertRefusedAsUnfresh(answer, "eb:MessageInfo/Timestamp " + created);
        assertEquals(storedBefore, net.storedInbound(), "nothing stored");
        assertFalse(Files.exists(net.receiver.inbox().folderOf(message.messageId())), "not delivered");
    }

    static Stream<List<Instant>> staleOrFutureSecurityTimestamps() {
        Instant now = now();
        return Stream.of(List.of(now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(2)).plusSeconds(300)),
                List.of(Instant.EPOCH, Instant.EPOCH.plusSeconds(300)),
                List.of(now.plus(Duration.ofDays(5 * 365)), now.plus(Duration.ofDays(5 * 365)).plusSeconds(300)));
    }

    @ParameterizedTest(name = "wsu:Created {0}")
    @MethodSource("staleOrFutureSecurityTimestamps")
    void securityTimestampOutOfTheWindowIsRefused(List<Instant> createdAndExpires) {
        Instant created = createdAndExpires.get(0);
        EbmsAnswer answer = net.crafter.craft().action(PLAIN)
                .afterSecurity(Attacks.wsuTimestamp(created, createdAndExpires.get(1))).post();

        assertRefusedAsUnfresh(answer, "wsu:Created " + created);
    }

    @Test
    void expiredSecurityTimestampIsRefused() {
        Instant now = now();
        Instant expires = now.minus(Duration.ofMinutes(30));
        EbmsAnswer answer = net.crafter.craft().action(PLAIN)
                .afterSecurity(Attacks.wsuTimestamp(now.minus(Duration.ofMinutes(35)), expires)).post();

        assertRefusedAsUnfresh(answer, "wsu:Expires " + expires);
    }

    @Test
    void freshSecurityTimestampYoungerThanTheWindowIsAccepted() {
        Instant created = now().minus(Duration.ofMinutes(20));
        EbmsAnswer answer = net.crafter.craft().action(PLAIN)
                .afterSecurity(Attacks.wsuTimestamp(created, now().plus(Duration.ofMinutes(20)))).post();

        assertTrue(answer.isReceipt(), "20 minutes is within the default window of 1 h: " + answer);
    }

    /**
     * Our own retries resend the same signed bytes: within the window the repeat gets the
     * original receipt and is not delivered again. The message was signed 50 minutes ago,
     * within the default hour, as after a sender's long retry series.
     */
    @Test
    void replayOfTheSameSignedBytesWithinTheWindowGetsTheOriginalReceiptAndIsDeliveredOnce() throws Exception {
        CraftedMessage message = net.crafter.craft()
                .header(Attacks.messageTimestamp(now().minus(Duration.ofMinutes(50)))).build();

        EbmsAnswer first = net.crafter.post(message);
        EbmsAnswer again = net.crafter.post(message);

        assertTrue(first.isReceipt(), first::toString);
        assertArrayEquals(first.body(), again.body(), "the repeat is answered with the original receipt");
        TestNetwork.awaitDelivered(net.receiver, message.messageId());
        assertEquals(1, net.deliveredCopies(message.messageId()), "delivered once");
    }

    /** The same bytes after the window: the duplicate check never sees them, the freshness check refuses them. */
    @Test
    void replayAfterTheWindowIsRefusedAsStale() {
        Duration maxAge = FreshnessSettings.DEFAULT.maxAge();
        CraftedMessage recorded = net.crafter.craft()
                .header(Attacks.messageTimestamp(now().minus(maxAge).minusSeconds(60))).build();

        assertRefusedAsUnfresh(net.crafter.post(recorded), "eb:MessageInfo/Timestamp");
        assertRefusedAsUnfresh(net.crafter.post(recorded), "eb:MessageInfo/Timestamp");
    }

    /** Milliseconds, as timestamps are written (WS-I BSP allows no finer precision in wsu:Created). */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static void assertRefusedAsUnfresh(EbmsAnswer answer, String names) {
        ErrorSignal error = answer.error().orElseThrow(() -> new AssertionError("not refused: " + answer));
        assertEquals(EbmsErrorCode.FAILED_AUTHENTICATION.code(), error.getErrorCode(), error::getErrorDetail);
        assertEquals(500, answer.status());
        assertTrue(error.getErrorDetail().contains(names), () -> "does not name '" + names + "': " + error.getErrorDetail());
        assertTrue(error.getErrorDetail().matches("(?s).*\\d+ s.*"), () -> "names no window: " + error.getErrorDetail());
    }

    /** A whole log line as slf4j-simple would write it, with a marker of its own. */
    private static String forgedLine() {
        return "2026-12-03T21:00:00.000+0000 [main] INFO x - FORGED-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The value reached the log (so the check means something), but never at the start of a line. */
    private static void assertNoForgedLine(LogCapture log, String forged) {
        List<String> lines = log.lines();
        String marker = forged.substring(forged.indexOf("FORGED-"));
        assertTrue(lines.stream().anyMatch(line -> line.contains(marker)), () -> "the value was never logged: " + lines);
        for (String line : lines) {
            assertFalse(line.startsWith(forged.substring(0, 20)) && line.contains(marker), () -> "forged line: " + line);
        }
    }

    private static Property property(String name, String value) {
        Property property = new Property();
        property.setName(name);
        property.setValue(value);
        return property;
    }

    private static Path note() {
        try {
            return Files.writeString(Files.createTempFile(dir, "note-", ".xml"),
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><note xmlns=\"urn:hostile\">too long</note>");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
