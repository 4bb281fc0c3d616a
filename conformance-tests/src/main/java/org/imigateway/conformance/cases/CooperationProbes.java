package org.imigateway.conformance.cases;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

import org.imigateway.conformance.listen.Arrival;
import org.imigateway.conformance.listen.Reply;
import org.imigateway.conformance.run.Session;
import org.imigateway.conformance.run.Verdict;
import org.imigateway.conformance.wire.Draft;
import org.imigateway.conformance.wire.PayloadSpec;
import org.imigateway.conformance.wire.Property;
import org.imigateway.schemas.imi.ImiDocumentType;

/**
 * How the cooperation cases talk to a hub: the suite, as the access point of its authorities,
 * sends a business document and must get a receipt; where the hub answers with a new message
 * (forwarded step, alert copy, Result, SearchResult, Refuse) the suite waits for the one whose
 * {@code eb:RefToMessageId} is the document it sent.
 */
final class CooperationProbes {

    /** The agreement of the IMI legs of an IMI Gateway hub. */
    static final String AGREEMENT = "urn:imigateway:agreement:imi";

    private CooperationProbes() {
    }

    /** The outcome of one step: the failure to report, or the receipted exchange. */
    sealed interface Step permits Failed, Receipted {
    }

    record Failed(Verdict verdict) implements Step {
    }

    record Receipted(String messageId) implements Step {
    }

    /** A business document from {@code sender} (an authority the suite serves) for {@code recipient}, to the hub. */
    static Draft document(Session session, ImiDocumentType type, String sender, String recipient, String xml) {
        Draft d = session.draft();
        d.service = type.service();
        d.serviceType = Optional.of(ImiDocumentType.SERVICE_TYPE);
        d.action = type.action();
        d.agreement = Optional.of(AGREEMENT);
        d.properties.clear();
        d.properties.add(Property.of("originalSender", sender));
        d.properties.add(Property.of("finalRecipient", recipient));
        return d.payload(PayloadSpec.of(xml.getBytes(StandardCharsets.UTF_8), "application/xml"));
    }

    /**
     * Sends a document and checks its receipt. The listener is told to receipt the hub's
     * messages and forgets earlier arrivals first, so an answer cannot be missed.
     */
    static Step send(Session session, String title, Draft draft) {
        session.listener().expect(Reply.RECEIPT);
        Session.Exchange exchange = session.send(title, session.compose(draft));
        Optional<String> problem = session.receiptProblem(exchange);
        return problem.<Step>map(p -> new Failed(Verdict.fail(title + ": " + p))).orElse(new Receipted(draft.messageId));
    }

    /** The hub's message answering {@code refTo} that {@code fits}; other arrivals are recorded and passed over. */
    static Optional<HubAnswer> answerTo(Session session, String refTo, Predicate<HubAnswer> fits) throws InterruptedException {
        return awaitAnswer(session, answer -> answer.refToMessageId().equals(refTo) && fits.test(answer));
    }

    /** The hub's first message that {@code fits}, within the listen wait; other arrivals are recorded and passed over. */
    static Optional<HubAnswer> awaitAnswer(Session session, Predicate<HubAnswer> fits) throws InterruptedException {
        Duration wait = session.settings().listenWait();
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Arrival> arrival = session.listener().next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (arrival.isEmpty()) {
                break;
            }
            Optional<HubAnswer> answer = HubAnswer.of(arrival.get());
            boolean ours = answer.filter(fits).isPresent();
            ListenProbes.record(session, ours ? "the hub's answer" : "another message from the hub", arrival.get());
            if (ours) {
                return answer;
            }
        }
        return Optional.empty();
    }

    /** The verdict when no answer came: names what was awaited and where. */
    static Verdict noAnswer(Session session, String awaited, String refTo) {
        return Verdict.fail("no " + awaited + " answering message " + refTo + " arrived within "
                + session.settings().listenWait().toSeconds() + " s at the suite's endpoint http://"
                + session.settings().listenHost() + ":" + session.listener().port() + "/ (the endpoint the hub has for"
                + " party '" + session.settings().ourParty() + "')");
    }

    /** The hub's answer of {@code action} to {@code refTo} must contain each of {@code texts}. */
    static Verdict expectAnswer(Session session, String refTo, String action, String recipient, String... texts)
            throws InterruptedException {
        Optional<HubAnswer> answer = answerTo(session, refTo, a -> a.action().equals(action)
                && a.finalRecipient().equals(recipient));
        if (answer.isEmpty()) {
            return noAnswer(session, action + " for " + recipient, refTo);
        }
        for (String text : texts) {
            if (!answer.get().document().contains(text)) {
                return Verdict.fail(answer.get().describe() + " answers " + refTo + " but its document does not contain '"
                        + text + "': " + answer.get().document());
            }
        }
        return Verdict.pass(answer.get().describe() + " answers " + refTo + " and contains " + String.join(", ", texts));
    }
}
