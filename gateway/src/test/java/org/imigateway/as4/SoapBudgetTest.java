package org.imigateway.as4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.imigateway.Gateway;
import org.imigateway.TestNetwork;
import org.imigateway.as4.outflow.PreparedMessage;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.imigateway.xml.SecureXml;

/**
 * The SOAP budget refuses each kind of hostile envelope by the limit it breaks, and the default
 * limits leave real messages four times the room they use: an AS4 1.15 and both AS4 2.0
 * messages with 20 signed and encrypted attachments, built by our own sender.
 */
class SoapBudgetTest {

    private static final int ATTACHMENTS = 20;
    private static final ParseLimits LIMITS = ParseLimits.defaults();
    /** The defaults with the largest SOAP part one may configure, so the 4 MB envelopes reach the other limits. */
    private static final ParseLimits WIDEST = new ParseLimits(LIMITS.maxMessageBytes(), SecureXml.MAX_ENVELOPE_BYTES,
            LIMITS.soapMaxElements(), LIMITS.soapMaxAttributes(), LIMITS.soapMaxNameLength(), LIMITS.soapMaxTextLength(),
            LIMITS.soapMaxNamespaces(), LIMITS.soapMaxDepth(), LIMITS.mimeMaxParts(), LIMITS.mimeMaxHeaderLength(),
            LIMITS.mimeMaxHeaders());

    @TempDir
    static Path dir;
    static TestNetwork network;
    static Gateway sender;

    @BeforeAll
    static void openSender() throws Exception {
        network = TestNetwork.create(dir.resolve("net"), "gw-a", "gw-b");
        sender = Gateway.open(network.plan().home("gw-a"));
    }

    @AfterAll
    static void close() {
        if (sender != null) {
            sender.close();
        }
        network.close();
    }

    @ParameterizedTest(name = "action {0}")
    @ValueSource(strings = {DemoNetwork.ACTION, DemoNetwork.ACTION_EDDSA, DemoNetwork.ACTION_ECDSA})
    void realMessageWithTwentyAttachmentsUsesAtMostAQuarterOfEachLimit(String action) throws Exception {
        Submission.Builder submission = Submission.to("gw-b").service(DemoNetwork.SERVICE, DemoNetwork.SERVICE_TYPE)
                .action(action).conversationId("budget-" + action)
                .property(MessageProperty.of("originalSender", "urn:authority:a"))
                .property(MessageProperty.of("finalRecipient", "urn:authority:b"));
        Random random = new Random(3);
        for (int i = 0; i < ATTACHMENTS; i++) {
            byte[] content = new byte[2000];
            random.nextBytes(content);
            Path file = Files.write(dir.resolve(action + "-" + i + ".bin"), content);
            submission.payload(Payload.of(file, i == 0 ? "application/xml" : "application/octet-stream"));
        }
        Path workDir = sender.sender().newWorkDir();
        PreparedMessage prepared = sender.sender().prepare(submission.build(), workDir);
        byte[] soap = soapPart(prepared.body(), prepared.contentType());

        SoapBudget.Usage usage = SoapBudget.check(soap, LIMITS);

        System.out.println("SOAP part of " + action + " with " + ATTACHMENTS + " attachments: " + soap.length + " bytes, "
                + usage);
        assertTrue(usage.elements() > 20 * ATTACHMENTS, "every attachment adds references and EncryptedData: " + usage);
        assertWithinAQuarter(soap.length, LIMITS.soapMaxBytes(), ParseLimits.SOAP_MAX_BYTES);
        assertWithinAQuarter(usage.elements(), LIMITS.soapMaxElements(), ParseLimits.SOAP_MAX_ELEMENTS);
        assertWithinAQuarter(usage.maxAttributes(), LIMITS.soapMaxAttributes(), ParseLimits.SOAP_MAX_ATTRIBUTES);
        assertWithinAQuarter(usage.maxNameLength(), LIMITS.soapMaxNameLength(), ParseLimits.SOAP_MAX_NAME_LENGTH);
        assertWithinAQuarter(usage.maxTextLength(), LIMITS.soapMaxTextLength(), ParseLimits.SOAP_MAX_TEXT_LENGTH);
        assertWithinAQuarter(usage.namespaces(), LIMITS.soapMaxNamespaces(), ParseLimits.SOAP_MAX_NAMESPACES);
        assertWithinAQuarter(usage.maxDepth(), LIMITS.soapMaxDepth(), ParseLimits.SOAP_MAX_DEPTH);
    }

    /** One hostile envelope per limit, each just over it and otherwise well-formed. */
    record Hostile(String name, Supplier<String> envelope, String key) {
        @Override
        public String toString() {
            return name + " → " + key;
        }
    }

    static Stream<Hostile> hostileEnvelopes() {
        return Stream.of(
                new Hostile("a million sibling elements in 4 MB", () -> envelope("<a/>".repeat(1_000_000)),
                        ParseLimits.SOAP_MAX_ELEMENTS),
                new Hostile("half a million empty comments", () -> envelope("<!---->".repeat(500_000)),
                        ParseLimits.SOAP_MAX_ELEMENTS),
                new Hostile("nesting one deeper than the limit", () -> envelope("<a>".repeat(LIMITS.soapMaxDepth())
                        + "</a>".repeat(LIMITS.soapMaxDepth())), ParseLimits.SOAP_MAX_DEPTH),
                new Hostile("an element with one attribute too many", () -> envelope("<a" + attributes(
                        LIMITS.soapMaxAttributes() + 1) + "/>"), ParseLimits.SOAP_MAX_ATTRIBUTES),
                new Hostile("an element name one character too long", () -> envelope("<" + "n".repeat(
                        LIMITS.soapMaxNameLength() + 1) + "/>"), ParseLimits.SOAP_MAX_NAME_LENGTH),
                new Hostile("a text node one character too long", () -> envelope("<a>" + "t".repeat(
                        LIMITS.soapMaxTextLength() + 1) + "</a>"), ParseLimits.SOAP_MAX_TEXT_LENGTH),
                new Hostile("a text node split by character references", () -> envelope("<a>" + "t&#116;".repeat(
                        LIMITS.soapMaxTextLength() / 2 + 1) + "</a>"), ParseLimits.SOAP_MAX_TEXT_LENGTH),
                new Hostile("an attribute value one character too long", () -> envelope("<a v=\"" + "v".repeat(
                        LIMITS.soapMaxTextLength() + 1) + "\"/>"), ParseLimits.SOAP_MAX_TEXT_LENGTH),
                new Hostile("namespace declarations over the limit", () -> envelope(("<a xmlns:p=\"urn:p\"/>").repeat(
                        LIMITS.soapMaxNamespaces() + 1)), ParseLimits.SOAP_MAX_NAMESPACES),
                new Hostile("one byte over the SOAP part size", () -> envelope("<a>" + "x".repeat(
                        WIDEST.soapMaxBytes()) + "</a>"), ParseLimits.SOAP_MAX_BYTES));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileEnvelopes")
    void hostileEnvelopeIsRefusedNamingTheLimitItBreaks(Hostile hostile) {
        byte[] soap = hostile.envelope().get().getBytes(StandardCharsets.UTF_8);

        EbmsException refusal = assertThrows(EbmsException.class, () -> SoapBudget.check(soap, WIDEST));

        assertEquals(EbmsErrorCode.INVALID_HEADER, refusal.code());
        assertTrue(refusal.error().detail().contains(hostile.key()), refusal.error().detail());
        assertTrue(refusal.error().detail().contains(Long.toString(limitOf(hostile.key()))), refusal.error().detail());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"<!DOCTYPE S12:Envelope [<!ENTITY x \"y\">]>", "<!DOCTYPE S12:Envelope SYSTEM \"http://127.0.0.1:1/e.dtd\">"})
    void doctypeIsRefusedBeforeAnyEntityIsRead(String doctype) {
        byte[] soap = (doctype + envelope("")).getBytes(StandardCharsets.UTF_8);

        EbmsException refusal = assertThrows(EbmsException.class, () -> SoapBudget.check(soap, LIMITS));

        assertEquals(EbmsErrorCode.INVALID_HEADER, refusal.code());
        assertTrue(refusal.error().detail().contains("DOCTYPE"), refusal.error().detail());
    }

    private static long limitOf(String key) {
        return switch (key) {
            case ParseLimits.SOAP_MAX_BYTES -> WIDEST.soapMaxBytes();
            case ParseLimits.SOAP_MAX_ELEMENTS -> LIMITS.soapMaxElements();
            case ParseLimits.SOAP_MAX_ATTRIBUTES -> LIMITS.soapMaxAttributes();
            case ParseLimits.SOAP_MAX_NAME_LENGTH -> LIMITS.soapMaxNameLength();
            case ParseLimits.SOAP_MAX_TEXT_LENGTH -> LIMITS.soapMaxTextLength();
            case ParseLimits.SOAP_MAX_NAMESPACES -> LIMITS.soapMaxNamespaces();
            case ParseLimits.SOAP_MAX_DEPTH -> LIMITS.soapMaxDepth();
            default -> throw new IllegalArgumentException(key);
        };
    }

    private static void assertWithinAQuarter(long used, long limit, String key) {
        assertTrue(used * 4 <= limit, key + " is " + limit + " but a real message uses " + used);
    }

    private static String envelope(String header) {
        return "<S12:Envelope xmlns:S12=\"" + Namespaces.SOAP12 + "\"><S12:Header>" + header
                + "</S12:Header><S12:Body/></S12:Envelope>";
    }

    private static String attributes(int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(" a").append(i).append("=\"v\"");
        }
        return text.toString();
    }

    /** The root part's bytes as they go on the wire. */
    static byte[] soapPart(Path body, String contentType) throws Exception {
        MimeTokenStream tokens = new MimeTokenStream();
        try (InputStream in = Files.newInputStream(body)) {
            tokens.parseHeadless(in, contentType);
            for (EntityState state = tokens.getState(); state != EntityState.T_END_OF_STREAM; state = tokens.next()) {
                if (state == EntityState.T_BODY) {
                    ByteArrayOutputStream soap = new ByteArrayOutputStream();
                    tokens.getDecodedInputStream().transferTo(soap);
                    return soap.toByteArray();
                }
            }
        }
        throw new AssertionError("no MIME part in " + body);
    }
}
