package org.imigateway.as4.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.imigateway.Gateway;
import org.imigateway.TestNetwork;
import org.imigateway.as4.Cryptos;
import org.imigateway.as4.Dom;
import org.imigateway.as4.EbmsErrorCode;
import org.imigateway.as4.KeyMaterial;
import org.imigateway.as4.Namespaces;
import org.imigateway.as4.ReceiptFactory;
import org.imigateway.xml.SecureXml;
import org.imigateway.pmode.SecurityProfile;
import org.imigateway.as4.hostile.TamperingReceiver.Answer;
import org.imigateway.as4.outflow.SendResult;
import org.imigateway.certificates.PartyKit;
import org.imigateway.certificates.PkiLayout;
import org.imigateway.certificates.Stores;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.config.GatewayConfig;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The sender's side of non-repudiation: a receipt that is unsigned, altered, signed by the wrong
 * key, over the wrong digests or about another message fails the send with EBMS:0302 naming
 * why. The sender talks to a fake receiver that forwards to a real gateway and tampers with
 * its receipt; the untouched receipt is acknowledged, so each failure is the tampering's doing.
 */
class InvalidReceiptsFailTheSendTest {

    private static final String SENDER = "gw-a";
    private static final String RECEIVER = "gw-b";

    @TempDir
    static Path dir;
    static TestNetwork network;
    static TamperingReceiver fake;
    static Gateway sender;
    static Cryptos receiverKeys;
    static Cryptos senderKeys;
    static Path payload;

    /** What the fake receiver does to the real receipt, and what the sender's refusal must name. */
    record Tampering(String name, UnaryOperator<Answer> change, List<String> cause) {
        static Tampering of(String name, UnaryOperator<Answer> change, String... cause) {
            return new Tampering(name, change, List.of(cause));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        network = TestNetwork.create(dir.resolve("net"), SENDER, RECEIVER);
        Gateway receiver = network.start(RECEIVER);
        fake = new TamperingReceiver(java.net.URI.create(receiver.endpoints().get(0)));
        Path senderPModes = network.plan().home(SENDER).resolve("config/pmodes/pmodes.xml");
        Files.writeString(senderPModes, Files.readString(senderPModes)
                .replace(network.plan().endpoint(RECEIVER), fake.endpoint()));
        sender = network.start(SENDER);
        char[] password = GatewayConfig.load(network.plan().home(SENDER)).keyStorePassword();
        receiverKeys = keys(network.plan().pki(), RECEIVER, password);
        senderKeys = keys(network.plan().pki(), SENDER, password);
        payload = Files.writeString(dir.resolve("request.xml"), "<request xmlns=\"urn:test\">receipt me</request>",
                StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stop() {
        fake.close();
        network.close();
    }

    static Stream<Tampering> tamperings() {
        return Stream.of(
                Tampering.of("signature stripped", answer -> rewrite(answer,
                        receipt -> Dom.descendants(receipt, Namespaces.WSSE, "Security").forEach(s -> s.getParentNode().removeChild(s))),
                        "the receipt is not signed"),
                Tampering.of("a DigestValue of the NonRepudiationInformation altered", answer -> rewrite(answer,
                        receipt -> alterDigest(attachmentReference(nrReferences(receipt)))),
                        "the receipt's signature is not valid", "does not verify"),
                Tampering.of("re-signed with the receiver's key over an altered attachment digest", answer -> {
                    Document receipt = parse(answer);
                    List<Element> references = nrReferences(receipt);
                    alterDigest(attachmentReference(references));
                    return resign(refToMessageId(receipt), references, receiverKeys);
                }, "the receipt's digest for 'cid:", "differs from the one sent"),
                Tampering.of("re-signed with the receiver's key for another RefToMessageId", answer -> resign(
                        "urn:forged:other-message", nrReferences(parse(answer)), receiverKeys),
                        "refers to message 'urn:forged:other-message'"),
                Tampering.of("re-signed with the sender's own key", answer -> {
                    Document receipt = parse(answer);
                    return resign(refToMessageId(receipt), nrReferences(receipt), senderKeys);
                }, "the receipt's signature is not valid", "CN=" + SENDER));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tamperings")
    void tamperedReceiptFailsTheSendWithInvalidReceipt(Tampering tampering) {
        fake.tamper(tampering.change());

        SendResult result = sender.send(submission());

        SendResult.Failed failed = assertInstanceOf(SendResult.Failed.class, result, result::toString);
        String detail = failed.error().detail();
        assertEquals(EbmsErrorCode.INVALID_RECEIPT, failed.error().code(), detail);
        for (String cause : tampering.cause()) {
            assertTrue(detail.contains(cause), () -> "the detail does not name '" + cause + "': " + detail);
        }
    }

    @Test
    void untouchedReceiptThroughTheFakeReceiverIsAcknowledged() {
        fake.tamper(UnaryOperator.identity());

        SendResult result = sender.send(submission());

        assertInstanceOf(SendResult.Acknowledged.class, result, result::toString);
    }

    private static Submission submission() {
        return Submission.to(RECEIVER).service(DemoNetwork.SERVICE, DemoNetwork.SERVICE_TYPE).action(DemoNetwork.ACTION)
                .payload(Payload.of(payload, "application/xml")).build();
    }

    private static Cryptos keys(Path pki, String party, char[] password) {
        PartyKit kit = PartyKit.read(pki, party, password);
        return new Cryptos(new KeyMaterial(kit.signing().privateKey(), kit.signing().chain(),
                kit.encryption().privateKey(), kit.encryption().chain(),
                List.of(Stores.readCertificate(PkiLayout.caCertificate(pki))), List.of()), List.of());
    }

    private static Document parse(Answer answer) {
        try {
            return SecureXml.parse(answer.body());
        } catch (Exception e) {
            throw new AssertionError("the real receiver did not answer with XML: " + answer, e);
        }
    }

    private static Answer rewrite(Answer answer, Consumer<Document> change) {
        Document receipt = parse(answer);
        change.accept(receipt);
        return new Answer(answer.status(), answer.contentType(), SecureXml.toBytes(receipt));
    }

    /** A receipt made and signed as a real receiver makes it, over whatever references it is given. */
    private static Answer resign(String refToMessageId, List<Element> references, Cryptos keys) {
        try {
            byte[] receipt = new ReceiptFactory().create(refToMessageId, references, SecurityProfile.EDELIVERY_1_15, keys, dir);
            return new Answer(200, "application/soap+xml; charset=UTF-8", receipt);
        } catch (Exception e) {
            throw new IllegalStateException("the forged receipt could not be signed", e);
        }
    }

    private static String refToMessageId(Document receipt) {
        return Dom.descendants(receipt, Namespaces.EBMS, "RefToMessageId").get(0).getTextContent();
    }

    private static List<Element> nrReferences(Document receipt) {
        return Dom.descendants(receipt, Namespaces.EBBP, "MessagePartNRInformation").stream()
                .map(part -> Dom.child(part, Namespaces.DS, "Reference").orElseThrow()).toList();
    }

    private static Element attachmentReference(List<Element> references) {
        return references.stream().filter(r -> r.getAttribute("URI").startsWith("cid:")).findFirst().orElseThrow();
    }

    private static void alterDigest(Element reference) {
        Element value = Dom.child(reference, Namespaces.DS, "DigestValue").orElseThrow();
        byte[] digest = Base64.getDecoder().decode(value.getTextContent().trim());
        digest[0] ^= 0x01;
        value.setTextContent(Base64.getEncoder().encodeToString(digest));
    }
}
