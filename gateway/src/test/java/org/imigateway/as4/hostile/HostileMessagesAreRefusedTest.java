package org.imigateway.as4.hostile;

import static org.imigateway.GatewayParts.partsOf;

import static org.imigateway.as4.EbmsErrorCode.DECOMPRESSION_FAILURE;
import static org.imigateway.as4.EbmsErrorCode.EXTERNAL_PAYLOAD_ERROR;
import static org.imigateway.as4.EbmsErrorCode.FAILED_AUTHENTICATION;
import static org.imigateway.as4.EbmsErrorCode.FAILED_DECRYPTION;
import static org.imigateway.as4.EbmsErrorCode.INVALID_HEADER;
import static org.imigateway.as4.EbmsErrorCode.MIME_INCONSISTENCY;
import static org.imigateway.as4.EbmsErrorCode.OTHER;
import static org.imigateway.as4.EbmsErrorCode.POLICY_NONCOMPLIANCE;
import static org.imigateway.as4.EbmsErrorCode.PROCESSING_MODE_MISMATCH;
import static org.imigateway.as4.EbmsErrorCode.VALUE_INCONSISTENT;
import static org.imigateway.as4.hostile.HostileNetwork.EXPIRED_PARTY;
import static org.imigateway.as4.hostile.HostileNetwork.NOTIFY;
import static org.imigateway.as4.hostile.HostileNetwork.THIRD_PARTY;
import static org.imigateway.as4.hostile.HostileNetwork.PLAIN;
import static org.imigateway.as4.hostile.HostileNetwork.REVOKED_PARTY;
import static org.imigateway.as4.hostile.HostileNetwork.SENDER;
import static org.imigateway.as4.hostile.HostileNetwork.SMALL;
import static org.imigateway.as4.hostile.HostileNetwork.SMALL_LIMIT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.imigateway.TestNetwork;
import org.imigateway.as4.Dom;
import org.imigateway.as4.EbmsErrorCode;
import org.imigateway.as4.Namespaces;
import org.imigateway.pmode.SecurityProfile;
import org.imigateway.as4.hostile.DeviantSecurity.Algorithms;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.connectors.Payload;
import org.imigateway.schemas.ebms3.ErrorSignal;
import org.imigateway.store.Direction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hostile-input corpus: every malformed or hostile message gets the ebMS error its fault
 * calls for, with a detail naming the cause, and nothing of it is stored or delivered. The
 * baseline test shows the crafter's message is accepted when no attack is applied, so each
 * refusal below is caused by its attack alone.
 */
class HostileMessagesAreRefusedTest {

    @TempDir
    static Path dir;
    static HostileNetwork net;
    static LoopbackListener listener;
    static CanaryFile canary;
    static Path oversized;
    static Path tenMegabytes;

    /** One attack: what it does to an otherwise valid message, and the refusal it must get. */
    record HostileCase(String name, UnaryOperator<Craft> attack, EbmsErrorCode code, List<String> cause) {
        static HostileCase of(String name, UnaryOperator<Craft> attack, EbmsErrorCode code, String... cause) {
            return new HostileCase(name, attack, code, List.of(cause));
        }

        @Override
        public String toString() {
            return name + " → " + code.code();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        net = HostileNetwork.start(dir);
        listener = new LoopbackListener();
        canary = new CanaryFile(dir.resolve("canary"));
        byte[] random = new byte[(int) SMALL_LIMIT * 4];
        new Random(7).nextBytes(random);
        oversized = Files.write(dir.resolve("oversized.bin"), random);
        byte[] large = new byte[10_000_000];
        new Random(10).nextBytes(large);
        tenMegabytes = Files.write(dir.resolve("ten-megabytes.bin"), large);
    }

    @AfterAll
    static void stop() throws Exception {
        canary.close();
        listener.close();
        net.close();
    }

    static Stream<HostileCase> brokenSecurity() {
        return Stream.of(
                HostileCase.of("ciphertext of the attachment flipped after encryption (AES-GCM tag fails)",
                        c -> c.afterSecurity(p -> p.flipByteOfPart(0)), FAILED_DECRYPTION, "cannot be decrypted"),
                HostileCase.of("payload of a signed, unencrypted leg flipped after signing",
                        c -> c.action(PLAIN).afterSecurity(p -> p.flipByteOfPart(0)), FAILED_AUTHENTICATION,
                        "signature does not verify"),
                HostileCase.of("one byte of a 10 MB attachment flipped after signing (streamed digest)",
                        c -> c.action(PLAIN).payload(Payload.of(tenMegabytes, "application/octet-stream"))
                                .afterSecurity(p -> p.flipByteOfPart(0)), FAILED_AUTHENTICATION, "signature does not verify"),
                HostileCase.of("two signed attachments swapped after signing", c -> c.action(PLAIN)
                        .payload(Payload.of(tenMegabytes, "application/octet-stream"))
                        .payload(Payload.of(oversized, "application/octet-stream"))
                        .afterSecurity(Attacks::swapFirstTwoParts), FAILED_AUTHENTICATION, "signature does not verify"),
                HostileCase.of("Content-Type of a signed attachment changed after signing", c -> c.action(PLAIN)
                        .afterSecurity(Attacks.firstPartContentType("text/plain")), FAILED_AUTHENTICATION,
                        "signature does not verify"),
                HostileCase.of("Action changed after signing", c -> c.afterSecurity(p -> Attacks.forgeAction(p, NOTIFY)),
                        FAILED_AUTHENTICATION, "signature does not verify"),
                HostileCase.of("message property changed after signing", c -> c.afterSecurity(p -> Dom.descendants(
                        p.messaging(), Namespaces.EBMS, "Property").get(0).setTextContent("urn:authority:mallory")),
                        FAILED_AUTHENTICATION, "signature does not verify"),
                HostileCase.of("no signature at all", c -> c.unsigned().unencrypted(), POLICY_NONCOMPLIANCE,
                        "not signed"),
                HostileCase.of("signed with another party's valid certificate", c -> c.signedWith(net.otherPartyKeys),
                        FAILED_AUTHENTICATION, "CN=" + THIRD_PARTY, "party '" + SENDER + "'"),
                HostileCase.of("From names another party than the signer", c -> c.from(THIRD_PARTY), FAILED_AUTHENTICATION,
                        "CN=" + SENDER, "party '" + THIRD_PARTY + "'"),
                HostileCase.of("signed by a certificate for the sender's name from an untrusted CA",
                        c -> c.signedWith(net.rogueKeys), FAILED_AUTHENTICATION, "trust anchor"),
                HostileCase.of("signed by a valid certificate of our CA that no PMode party holds",
                        c -> c.signedWith(net.strangerKeys), FAILED_AUTHENTICATION, "CN=stranger",
                        "not the signing certificate of a PMode party"),
                HostileCase.of("signing certificate expired", c -> c.from(EXPIRED_PARTY).signedWith(net.expiredKeys),
                        FAILED_AUTHENTICATION, "CN=" + EXPIRED_PARTY, "expired"),
                HostileCase.of("signing certificate revoked by the CA", c -> c.from(REVOKED_PARTY).signedWith(net.revokedKeys),
                        FAILED_AUTHENTICATION, "CN=" + REVOKED_PARTY, "revoked"),
                HostileCase.of("revoked signer, the receiver's certificate in the header too",
                        c -> c.from(REVOKED_PARTY).signedWith(net.revokedKeys).encryptedWithTokenReference(),
                        FAILED_AUTHENTICATION, "CN=" + REVOKED_PARTY, "revoked"),
                HostileCase.of("attachments encrypted for another party's key", c -> c.encryptedFor(net.otherPartyEncryption),
                        FAILED_DECRYPTION, "cannot be decrypted"),
                HostileCase.of("RSA-SHA1 signature", c -> c.algorithms(new Algorithms(
                        "http://www.w3.org/2000/09/xmldsig#rsa-sha1", null, null, null)), POLICY_NONCOMPLIANCE,
                        "signature algorithm http://www.w3.org/2000/09/xmldsig#rsa-sha1"),
                HostileCase.of("SHA-1 digests", c -> c.algorithms(new Algorithms(
                        null, "http://www.w3.org/2000/09/xmldsig#sha1", null, null)), POLICY_NONCOMPLIANCE,
                        "digest algorithm http://www.w3.org/2000/09/xmldsig#sha1"),
                HostileCase.of("AES-128-CBC content encryption", c -> c.algorithms(new Algorithms(
                        null, null, "http://www.w3.org/2001/04/xmlenc#aes128-cbc", null)), POLICY_NONCOMPLIANCE,
                        "content encryption algorithm http://www.w3.org/2001/04/xmlenc#aes128-cbc"),
                HostileCase.of("RSA 1.5 key transport", c -> c.algorithms(new Algorithms(
                        null, null, null, "http://www.w3.org/2001/04/xmlenc#rsa-1_5")), POLICY_NONCOMPLIANCE,
                        "key transport algorithm http://www.w3.org/2001/04/xmlenc#rsa-1_5"),
                HostileCase.of("AS4 1.15 security on the AS4 2.0 EdDSA leg", c -> c.action(DemoNetwork.ACTION_EDDSA)
                        .securedAs(SecurityProfile.EDELIVERY_1_15), POLICY_NONCOMPLIANCE,
                        "signature algorithm http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
                        "http://www.w3.org/2021/04/xmldsig-more#eddsa-ed25519"),
                HostileCase.of("AS4 1.15 security on the AS4 2.0 ECDSA leg", c -> c.action(DemoNetwork.ACTION_ECDSA)
                        .securedAs(SecurityProfile.EDELIVERY_1_15), POLICY_NONCOMPLIANCE,
                        "signature algorithm http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"),
                HostileCase.of("AS4 2.0 EdDSA security on the AS4 1.15 leg",
                        c -> c.securedAs(SecurityProfile.EDELIVERY_2_0_EDDSA), POLICY_NONCOMPLIANCE,
                        "signature algorithm http://www.w3.org/2021/04/xmldsig-more#eddsa-ed25519"),
                HostileCase.of("AS4 2.0 ECDSA security on the AS4 1.15 leg",
                        c -> c.securedAs(SecurityProfile.EDELIVERY_2_0_ECDSA), POLICY_NONCOMPLIANCE,
                        "signature algorithm http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"),
                HostileCase.of("AS4 2.0 ECDSA security on the EdDSA leg", c -> c.action(DemoNetwork.ACTION_EDDSA)
                        .securedAs(SecurityProfile.EDELIVERY_2_0_ECDSA), POLICY_NONCOMPLIANCE,
                        "signature algorithm http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"),
                HostileCase.of("EdDSA signature with RSA-OAEP key transport on the EdDSA leg", c -> c.action(DemoNetwork.ACTION_EDDSA)
                        .encryptedAs(SecurityProfile.EDELIVERY_1_15), POLICY_NONCOMPLIANCE,
                        "key wrap algorithm http://www.w3.org/2009/xmlenc11#rsa-oaep"),
                HostileCase.of("EdDSA signature with ECDH-ES key agreement on the EdDSA leg", c -> c.action(DemoNetwork.ACTION_EDDSA)
                        .encryptedAs(SecurityProfile.EDELIVERY_2_0_ECDSA), POLICY_NONCOMPLIANCE,
                        "key agreement algorithm http://www.w3.org/2009/xmlenc11#ECDH-ES"),
                HostileCase.of("RSA signature with X25519 key agreement on the 1.15 leg",
                        c -> c.encryptedAs(SecurityProfile.EDELIVERY_2_0_EDDSA), POLICY_NONCOMPLIANCE,
                        "key transport algorithm http://www.w3.org/2001/04/xmlenc#kw-aes128"),
                HostileCase.of("signed Body moved into a header, forged Body in its place",
                        c -> c.afterSecurity(Attacks::wrapSignedBody), FAILED_AUTHENTICATION, "SOAP Body"),
                HostileCase.of("signed eb:Messaging moved into a header, forged one with another Action in its place",
                        c -> c.afterSecurity(Attacks.wrapSignedMessaging(NOTIFY)), FAILED_AUTHENTICATION, "eb:Messaging"),
                HostileCase.of("forged eb:Messaging with another Action beside the signed one",
                        c -> c.afterSecurity(Attacks.addForgedMessaging(NOTIFY)), INVALID_HEADER, "2 eb:Messaging"),
                HostileCase.of("attachment added after signing",
                        c -> c.afterSecurity(Attacks.addStowaway("late@crafter")), FAILED_AUTHENTICATION,
                        "cid:late@crafter", "not covered"));
    }

    static Stream<HostileCase> wrongHeader() {
        return Stream.of(
                HostileCase.of("unknown service", c -> c.header(m -> Attacks.user(m).getCollaborationInfo().getService()
                        .setValue("urn:hostile:unknown-service")), PROCESSING_MODE_MISMATCH, "'urn:hostile:unknown-service'"),
                HostileCase.of("unknown action", c -> c.header(m -> Attacks.user(m).getCollaborationInfo()
                        .setAction("Exfiltrate")), PROCESSING_MODE_MISMATCH, "'Exfiltrate'"),
                HostileCase.of("unknown From party", c -> c.from("mallory"), PROCESSING_MODE_MISMATCH, "'mallory'"),
                HostileCase.of("To party is not the receiver", c -> c.to(THIRD_PARTY), VALUE_INCONSISTENT, "To PartyId '" + THIRD_PARTY + "'"),
                HostileCase.of("no eb:Messaging header", c -> c.afterSecurity(Attacks::removeMessaging), INVALID_HEADER,
                        "no eb:Messaging"),
                HostileCase.of("eb:Messaging without MessageId (schema-invalid)",
                        c -> c.header(m -> Attacks.user(m).getMessageInfo().setMessageId(null)), INVALID_HEADER, "MessageId"));
    }

    static Stream<HostileCase> badPayloads() {
        return Stream.of(
                HostileCase.of("PartInfo without its MIME part", c -> c.header(Attacks.addPartInfo("cid:ghost@crafter")),
                        MIME_INCONSISTENCY, "cid:ghost@crafter"),
                HostileCase.of("signed MIME part without PartInfo", c -> c.beforeSecurity(Attacks.addStowaway("stowaway@crafter")),
                        MIME_INCONSISTENCY, "stowaway@crafter"),
                HostileCase.of("PartInfo referring to an http URL (hyperlink payload)",
                        c -> c.header(Attacks.addPartInfo(listener.url("/payload.xml"))), EXTERNAL_PAYLOAD_ERROR,
                        listener.url("/payload.xml")),
                HostileCase.of("gzip damaged before signing (CRC trailer)", c -> c.parts(Attacks.rewriteFirstPart(gz -> {
                    gz[gz.length - 8] ^= 0x55;
                    return gz;
                })), DECOMPRESSION_FAILURE, "not valid gzip"),
                HostileCase.of("gzip truncated before signing", c -> c.parts(Attacks.rewriteFirstPart(
                        gz -> Arrays.copyOf(gz, gz.length / 2))), DECOMPRESSION_FAILURE, "not valid gzip"),
                HostileCase.of("compressed part without MimeType part property", c -> c.parts(Attacks.firstPartProperties(
                        properties -> properties.removeIf(p -> p.name().equals("MimeType")))), DECOMPRESSION_FAILURE,
                        "MimeType"),
                HostileCase.of("invalid CharacterSet", c -> c.parts(Attacks.firstPartProperties(
                        properties -> properties.add(MessageProperty.of("CharacterSet", "utf-8-bogus")))),
                        VALUE_INCONSISTENT, "CharacterSet 'utf-8-bogus'"),
                HostileCase.of("payload over the leg's maxPayloadSize", c -> c.action(SMALL)
                        .payload(Payload.of(oversized, "application/octet-stream")), OTHER, SMALL_LIMIT + " bytes"));
    }

    static Stream<HostileCase> hostileXml() {
        return Stream.of(
                HostileCase.of("external entity reading a file:// canary", c -> c.soapText(Attacks.doctype(
                        "<!DOCTYPE S12:Envelope [<!ENTITY xxe SYSTEM \"" + canary.url() + "\">]>", "&xxe;")),
                        INVALID_HEADER, "DOCTYPE"),
                HostileCase.of("external entity fetching from a local http listener", c -> c.soapText(Attacks.doctype(
                        "<!DOCTYPE S12:Envelope [<!ENTITY xxe SYSTEM \"" + listener.url("/secret") + "\">]>", "&xxe;")),
                        INVALID_HEADER, "DOCTYPE"),
                HostileCase.of("external parameter entity (out-of-band XXE)", c -> c.soapText(Attacks.doctype(
                        "<!DOCTYPE S12:Envelope [<!ENTITY % remote SYSTEM \"" + listener.url("/evil.dtd") + "\"> %remote;]>",
                        "urn:authority:crafter")), INVALID_HEADER, "DOCTYPE"),
                HostileCase.of("external DTD subset", c -> c.soapText(Attacks.doctype(
                        "<!DOCTYPE S12:Envelope SYSTEM \"" + listener.url("/envelope.dtd") + "\">", "urn:authority:crafter")),
                        INVALID_HEADER, "DOCTYPE"),
                HostileCase.of("billion laughs", c -> c.soapText(Attacks.doctype(Attacks.billionLaughs(), "&lol9;")),
                        INVALID_HEADER, "DOCTYPE"),
                HostileCase.of("XInclude of the canary in the signed Body", c -> c.beforeSecurity(Attacks.xinclude(canary.url())),
                        MIME_INCONSISTENCY, "SOAP Body is not empty"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"brokenSecurity", "wrongHeader", "badPayloads", "hostileXml"})
    void isRefusedWithItsErrorAndNothingIsStored(HostileCase hostile) {
        long storedBefore = net.storedInbound();
        CraftedMessage message = hostile.attack().apply(net.crafter.craft()).build();

        EbmsAnswer answer = net.crafter.post(message);

        ErrorSignal error = answer.error().orElseThrow(() -> new AssertionError("not refused: " + answer));
        String detail = error.getErrorDetail();
        assertEquals(hostile.code().code(), error.getErrorCode(), () -> "detail: " + detail);
        for (String cause : hostile.cause()) {
            assertTrue(detail.contains(cause), () -> "the detail does not name '" + cause + "': " + detail);
        }
        assertEquals(500, answer.status(), "a refusal of the message, not a fault of ours");
        assertNothingStored(message.messageId(), storedBefore);
        assertEquals(0, listener.connections(), "nothing was fetched from the listener");
        assertFalse(canary.opened(), "the canary file was never opened");
        assertFalse(new String(answer.body(), StandardCharsets.UTF_8).contains(CanaryFile.SECRET));
    }

    @ParameterizedTest(name = "action {0}")
    @ValueSource(strings = {DemoNetwork.ACTION, NOTIFY, PLAIN, SMALL, DemoNetwork.ACTION_EDDSA, DemoNetwork.ACTION_ECDSA})
    void craftedMessageWithoutAttackIsAcceptedAndDelivered(String action) throws Exception {
        long storedBefore = net.storedInbound();
        CraftedMessage message = net.crafter.craft().action(action).build();

        EbmsAnswer answer = net.crafter.post(message);

        assertTrue(answer.isReceipt(), answer::toString);
        assertEquals(200, answer.status());
        assertEquals(storedBefore + 1, net.storedInbound());
        TestNetwork.awaitDelivered(net.receiver, message.messageId());
    }

    /**
     * The ephemeral originator key of key agreement: X25519 as dsig11:DEREncodedKeyValue (AS4 2.0
     * common profile), a P-256 key as dsig11:ECKeyValue with its named curve (XML Encryption 1.1).
     */
    @ParameterizedTest(name = "action {0}")
    @CsvSource({DemoNetwork.ACTION_EDDSA + ",<dsig11:DEREncodedKeyValue",
            DemoNetwork.ACTION_ECDSA + ",<ds:KeyValue><dsig11:ECKeyValue"})
    void as4TwoMessageCarriesItsOriginatorKey(String action, String expected) {
        CraftedMessage message = net.crafter.craft().action(action).build();
        String body = new String(message.body(), StandardCharsets.ISO_8859_1);
        int originator = body.indexOf("OriginatorKeyInfo>");
        assertTrue(originator > 0, "no OriginatorKeyInfo");
        String snippet = body.substring(originator, Math.min(body.length(), originator + 300));
        assertTrue(snippet.startsWith("OriginatorKeyInfo>" + expected), snippet);
    }

    @Test
    void duplicateMessageIdGetsTheOriginalReceiptBytesAndIsDeliveredOnce() throws Exception {
        long storedBefore = net.storedInbound();
        CraftedMessage message = net.crafter.craft().build();

        EbmsAnswer first = net.crafter.post(message);
        EbmsAnswer second = net.crafter.post(message);

        assertTrue(first.isReceipt(), first::toString);
        assertArrayEquals(first.body(), second.body(), "the repeat is answered with the original receipt");
        assertArrayEquals(first.body(), partsOf(net.receiver).sink().receiptFor(message.messageId()).orElseThrow());
        assertEquals(storedBefore + 1, net.storedInbound(), "stored once");
        TestNetwork.awaitDelivered(net.receiver, message.messageId());
        assertEquals(1, net.deliveredCopies(message.messageId()), "delivered once");
    }

    /** Neither in the message log (with or without receipt) nor in the backend's inbox. */
    private static void assertNothingStored(String messageId, long storedBefore) {
        try {
            assertTrue(partsOf(net.receiver).sink().receiptFor(messageId).isEmpty(), "no receipt kept");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertTrue(partsOf(net.receiver).messageLog().find(messageId, Direction.INBOUND).isEmpty(), "not in the message log");
        assertEquals(storedBefore, net.storedInbound(), "nothing stored under any MessageId");
        assertFalse(Files.exists(net.receiver.inbox().folderOf(messageId)), "not delivered to the backend");
    }
}
