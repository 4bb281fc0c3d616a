package org.imigateway.as4.hostile;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.dom.WSConstants;
import org.imigateway.as4.AttachmentEncryptor;
import org.imigateway.as4.Cryptos;
import org.imigateway.as4.MessageSigner;
import org.imigateway.as4.MimeEnvelope;
import org.imigateway.as4.MimeWriter;
import org.imigateway.xml.SecureXml;
import org.imigateway.pmode.SecurityProfile;
import org.imigateway.as4.SoapEnvelopes;
import org.imigateway.as4.outflow.BuildUserMessage;
import org.imigateway.as4.outflow.OutboundMessage;
import org.imigateway.as4.outflow.PreparePayloads;
import org.imigateway.as4.outflow.ResolveRoute;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;
import org.imigateway.pmode.Leg;
import org.imigateway.pmode.PModeSet;
import org.w3c.dom.Document;

/**
 * The test-side sender of the hostile corpus. It runs our own outbound building blocks in the
 * order {@code As4Sender} does (ResolveRoute, PreparePayloads, BuildUserMessage, MessageSigner,
 * AttachmentEncryptor, MimeWriter) and lets a {@link Craft} step in after each of them, then
 * POSTs the result and reads the ebMS answer. It ignores the receiver's payload size limits on
 * purpose: a hostile sender does not honour them.
 */
public final class MessageCrafter {

    private final PModeSet pmodes;
    private final String sender;
    private final String receiver;
    private final Cryptos senderKeys;
    private final URI endpoint;
    private final Path workRoot;
    private final Payload defaultPayload;
    private final AtomicInteger count = new AtomicInteger();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    public MessageCrafter(PModeSet pmodes, String sender, String receiver, Cryptos senderKeys, URI endpoint, Path workRoot)
            throws IOException {
        this.pmodes = withoutSizeLimits(pmodes);
        this.sender = sender;
        this.receiver = receiver;
        this.senderKeys = senderKeys;
        this.endpoint = endpoint;
        this.workRoot = Files.createDirectories(workRoot);
        Path note = Files.writeString(workRoot.resolve("note.xml"),
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><note xmlns=\"urn:hostile\">crafted</note>",
                StandardCharsets.UTF_8);
        this.defaultPayload = Payload.of(note, "application/xml");
    }

    public Craft craft() {
        return new Craft(this, senderKeys);
    }

    Path workRoot() {
        return workRoot;
    }

    CraftedMessage build(Craft craft) {
        try {
            Path workDir = Files.createTempDirectory(workRoot, "craft-");
            Submission.Builder submission = Submission.to(receiver)
                    .service(DemoNetwork.SERVICE, DemoNetwork.SERVICE_TYPE)
                    .action(craft.action)
                    .messageId(craft.messageId.orElseGet(() -> "hostile-" + count.incrementAndGet() + "-" + System.nanoTime()
                            + "@crafter"))
                    .conversationId("hostile-corpus")
                    .property(MessageProperty.of("originalSender", "urn:authority:crafter"))
                    .property(MessageProperty.of("finalRecipient", "urn:authority:receiver"));
            (craft.payloads.isEmpty() ? List.of(defaultPayload) : craft.payloads).forEach(submission::payload);

            OutboundMessage message = new ResolveRoute().resolve(submission.build(), pmodes, sender, workDir);
            new PreparePayloads().prepare(message);
            craft.afterPayloads.accept(message.parts());
            new BuildUserMessage().build(message);
            craft.afterHeader.accept(message.messaging());
            Document soap = SoapEnvelopes.withMessaging(message.messaging());
            Packet packet = new Packet(soap, new ArrayList<>(message.parts().stream().map(OutboundMessage.OutboundPart::part).toList()));
            craft.beforeSecurity.accept(packet);
            packet = secure(craft, message, packet, workDir);
            craft.afterSecurity.accept(packet);

            MimeWriter.Written written = new MimeWriter().write(soap, packet.parts(), workDir.resolve("request.mime"));
            byte[] body = rewriteSoap(Files.readAllBytes(written.file()), soap, craft);
            return new CraftedMessage(message.messageId(), written.contentType(), body);
        } catch (Exception e) {
            throw new IllegalStateException("the crafter could not build the message: " + e, e);
        }
    }

    EbmsAnswer post(CraftedMessage message) {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", message.contentType())
                .header("MIME-Version", "1.0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(message.body()))
                .build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return EbmsAnswer.parse(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("POST to " + endpoint + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Signs, then encrypts (AS4 order), with our own signer and encryptor unless the algorithms deviate. */
    private Packet secure(Craft craft, OutboundMessage message, Packet packet, Path workDir) throws WSSecurityException {
        SecurityProfile profile = craft.securedAs.orElse(message.leg().securityProfile());
        SecurityProfile encryptionProfile = craft.encryptedAs.orElse(profile);
        boolean encrypt = craft.encrypt.orElse(message.leg().encrypt());
        X509Certificate recipient = craft.encryptFor.orElse(message.receiver().encryptionCertificate(encryptionProfile));
        if (craft.algorithms.deviate() || craft.encryptionTokenReference) {
            if (craft.signer.isPresent()) {
                DeviantSecurity.sign(packet, profile, craft.algorithms, craft.signer.get(), workDir);
            }
            if (encrypt) {
                DeviantSecurity.encrypt(packet, profile, craft.algorithms, recipient, craft.encryptionTokenReference
                        ? WSConstants.BST_DIRECT_REFERENCE : WSConstants.ISSUER_SERIAL, senderKeys, workDir);
            }
            return packet;
        }
        MimeEnvelope envelope = new MimeEnvelope(packet.soap(), packet.parts());
        if (craft.signer.isPresent()) {
            new MessageSigner().sign(envelope, profile, craft.signer.get(), workDir);
        }
        if (encrypt) {
            new AttachmentEncryptor().encrypt(envelope, encryptionProfile, recipient, senderKeys, workDir);
        }
        return new Packet(packet.soap(), new ArrayList<>(envelope.parts()));
    }

    /** Applies the craft's text change to the SOAP part inside the written MIME body. */
    private static byte[] rewriteSoap(byte[] mime, Document soap, Craft craft) {
        String original = new String(SecureXml.toBytes(soap), StandardCharsets.UTF_8);
        String changed = craft.soapText.apply(original);
        if (changed.equals(original)) {
            return mime;
        }
        String body = new String(mime, StandardCharsets.ISO_8859_1);
        String originalBytes = new String(original.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        int at = body.indexOf(originalBytes);
        if (at < 0) {
            throw new IllegalStateException("the SOAP part was not found in the MIME body");
        }
        String changedBytes = new String(changed.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        return (body.substring(0, at) + changedBytes + body.substring(at + originalBytes.length()))
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private static PModeSet withoutSizeLimits(PModeSet pmodes) {
        List<Leg> legs = pmodes.legs().stream().map(l -> new Leg(l.id(), l.service(), l.serviceType(), l.action(),
                l.agreement(), l.agreementType(), l.initiators(), l.securityProfile(), l.sign(), l.encrypt(),
                l.compress(), l.retry(), l.duplicateDetection(), Optional.empty(), l.payloadSchema())).toList();
        return new PModeSet(pmodes.parties(), legs);
    }
}
