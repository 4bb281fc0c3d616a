package org.imigateway.conformance.run;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.imigateway.conformance.listen.Listener;
import org.imigateway.conformance.wire.Answer;
import org.imigateway.conformance.wire.Composed;
import org.imigateway.conformance.wire.Composer;
import org.imigateway.conformance.wire.Draft;
import org.imigateway.conformance.wire.Ns;
import org.imigateway.conformance.wire.PayloadSpec;
import org.imigateway.conformance.wire.Property;
import org.imigateway.conformance.wire.ReceiptCheck;
import org.imigateway.conformance.wire.Signal;
import org.imigateway.conformance.wire.Transport;

/**
 * What a case works with while it runs: the settings, fresh drafts, the wire, and the record of
 * every exchange for the report.
 */
public final class Session {

    /** The leading XML payload every draft starts with. */
    public static final byte[] XML_PAYLOAD = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<conformance xmlns=\"urn:imigateway:conformance\">a conformance test payload</conformance>")
            .getBytes(StandardCharsets.UTF_8);

    private final Settings settings;
    private final Transport transport;
    private final Composer composer;
    private final ReceiptCheck receipts;
    private final List<Transcript> transcripts = new ArrayList<>();
    private final String caseId;
    private final Supplier<Listener> listener;

    public Session(Settings settings, String caseId, Supplier<Listener> listener) {
        this.settings = settings;
        this.caseId = caseId;
        this.listener = listener;
        this.transport = new Transport(settings.targetUrl(), settings.trustAnchors(), Duration.ofSeconds(15));
        this.composer = new Composer(settings.targetEncryption());
        this.receipts = new ReceiptCheck(settings.targetSigning(), settings.trustAnchors());
    }

    public Settings settings() {
        return settings;
    }

    /** The suite's receiving endpoint, shared by the listen cases of a run. */
    public Listener listener() {
        return listener.get();
    }

    public List<Transcript> transcripts() {
        return List.copyOf(transcripts);
    }

    public void record(Transcript transcript) {
        transcripts.add(transcript);
    }

    /** A message as the profile wants it, from us to the target, on the settings' Service/Action. */
    public Draft draft() {
        Draft draft = new Draft();
        draft.messageId = caseId + "-" + UUID.randomUUID() + "@imi-conformance";
        draft.conversationId = "conformance-" + caseId;
        draft.fromId = settings.ourParty();
        draft.toId = settings.targetParty();
        draft.service = settings.service();
        draft.serviceType = settings.serviceType();
        draft.action = settings.action();
        draft.agreement = settings.agreement();
        draft.properties.add(Property.of("originalSender", "urn:imi-conformance:c1"));
        draft.properties.add(Property.of("finalRecipient", "urn:imi-conformance:c4"));
        draft.payloads.add(PayloadSpec.of(XML_PAYLOAD, "application/xml"));
        draft.signer = Optional.of(settings.ourSigning());
        return draft;
    }

    /**
     * A message as {@link #draft()}, on the target's AS4 2.0 leg of {@code profile}: signed with our
     * key of that profile, the content key wrapped with a key agreed with the target's key.
     */
    public Draft draft(As4TwoLeg leg) {
        Draft draft = draft();
        draft.action = leg.action();
        draft.signer = Optional.of(leg.ourSigning());
        draft.signatureAlgorithm = leg.profile().signatureAlgorithm();
        draft.keyTransport = Ns.KW_AES128;
        draft.keyAgreement = Optional.of(leg.profile().keyAgreement());
        draft.receiverEncryption = Optional.of(leg.targetEncryption());
        return draft;
    }

    /** A valid receipt of the AS4 2.0 leg for {@code sent}: signed by the target's key of that profile. */
    public Optional<String> receiptProblem(Exchange exchange, As4TwoLeg leg) {
        if (exchange.signal().isEmpty()) {
            return Optional.of("expected a signed receipt, but " + exchange.reading());
        }
        return new ReceiptCheck(leg.targetSigning(), settings.trustAnchors(), leg.profile().signatureAlgorithm(),
                leg.profile().signatureName()).problem(exchange.signal().get(), exchange.sent());
    }

    public Composed compose(Draft draft) {
        return composer.compose(draft);
    }

    /** Sends and records the exchange; the result holds the signal when the answer is one. */
    public Exchange send(String title, Composed message) {
        Answer answer = transport.post(message);
        Optional<Signal> signal;
        String reading;
        try {
            signal = Optional.of(Signal.read(answer));
            reading = signal.get().describe();
        } catch (Signal.UnreadableSignal e) {
            signal = Optional.empty();
            reading = e.getMessage();
        }
        String status = answer.reached() ? "HTTP " + answer.status() : "no answer";
        transcripts.add(new Transcript(title, message.httpHeaders(), message.soap(), message.attachments(), status,
                answer.headers(), answer.bodyText(), reading));
        return new Exchange(message, answer, signal, reading);
    }

    /** A valid receipt for {@code sent}, or why not. */
    public Optional<String> receiptProblem(Exchange exchange) {
        if (exchange.signal().isEmpty()) {
            return Optional.of("expected a signed receipt, but " + exchange.reading());
        }
        return receipts.problem(exchange.signal().get(), exchange.sent());
    }

    /** The answer to one POST. */
    public record Exchange(Composed sent, Answer answer, Optional<Signal> signal, String reading) {
    }
}
