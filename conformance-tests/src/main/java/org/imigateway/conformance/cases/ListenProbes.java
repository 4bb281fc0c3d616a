package org.imigateway.conformance.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.imigateway.conformance.listen.Reply;
import org.imigateway.conformance.listen.Arrival;
import org.imigateway.conformance.listen.Listener;
import org.imigateway.conformance.run.ReceptionAwareness;
import org.imigateway.conformance.run.Session;
import org.imigateway.conformance.run.Transcript;
import org.imigateway.conformance.run.Verdict;
import org.imigateway.conformance.wire.Inspection;

/** How listen cases wait for the target's messages and record them for the report. */
final class ListenProbes {

    private ListenProbes() {
    }

    /** Judges the next new message the target sends; the suite answers it with a receipt. */
    static Verdict judgeNext(Session session, Reply answer, Function<Inspection, Optional<String>> check)
            throws Exception {
        Listener listener = session.listener();
        listener.expect(answer);
        Optional<Arrival> arrival = listener.next(session.settings().listenWait());
        if (arrival.isEmpty()) {
            return nothingArrived(session);
        }
        record(session, "message from the target", arrival.get());
        if (arrival.get().inspection().isEmpty()) {
            return Verdict.fail("the target's message cannot be read: " + arrival.get().unreadable());
        }
        Inspection inspection = arrival.get().inspection().get();
        return check.apply(inspection).map(Verdict::fail)
                .orElseGet(() -> Verdict.pass("message " + inspection.messageId().orElse("") + " is as the profile asks"));
    }

    /** The suite withholds the receipt (HTTP 503) of a first transmission; the target must send the same MessageId again. */
    static Verdict retried(Session session) throws Exception {
        Listener listener = session.listener();
        listener.expect(Reply.UNAVAILABLE_FIRST);
        Set<String> withheld = new HashSet<>();
        long deadline = System.nanoTime() + session.settings().listenWait().toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Arrival> arrival = listener.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (arrival.isEmpty()) {
                break;
            }
            Arrival a = arrival.get();
            record(session, a.answeredStatus() == 503 ? "first transmission (answered 503)" : "transmission", a);
            if (a.messageId().isEmpty()) {
                return Verdict.fail("the target's message cannot be read: " + a.unreadable());
            }
            if (withheld.contains(a.messageId().get())) {
                return Verdict.pass("message " + a.messageId().get() + " was sent again after HTTP 503 and then receipted");
            }
            if (a.answeredStatus() == 503) {
                withheld.add(a.messageId().get());
            }
        }
        return withheld.isEmpty() ? nothingArrived(session)
                : Verdict.fail("the target did not retry " + withheld + " within " + session.settings().listenWait().toSeconds()
                        + " s after the suite answered HTTP 503");
    }

    /**
     * The suite answers HTTP 503 to every transmission, so no receipt ever comes: the target must
     * send the same MessageId again, no more often than its reception awareness allows, and stop
     * once its window has passed (it then owes its producer EBMS:0301, which the wire does not show).
     */
    static Verdict gaveUp(Session session) throws Exception {
        ReceptionAwareness retry = session.settings().targetRetry().orElseThrow();
        Listener listener = session.listener();
        listener.expect(Reply.WITHHOLD_RECEIPT);
        Optional<Arrival> first = listener.next(session.settings().listenWait());
        if (first.isEmpty()) {
            return nothingArrived(session);
        }
        record(session, "first transmission (answered 503)", first.get());
        Optional<String> messageId = first.get().messageId();
        if (messageId.isEmpty()) {
            return Verdict.fail("the target's message cannot be read: " + first.get().unreadable());
        }
        Instant firstSeen = Instant.now();
        // the window runs from the target's first attempt; allow for the time the message takes to arrive
        Duration grace = Duration.ofSeconds(Math.max(5, retry.window().toSeconds() / 4));
        Instant quietUntil = firstSeen.plus(retry.window()).plus(grace);
        List<Duration> sinceFirst = new ArrayList<>();
        List<Duration> late = new ArrayList<>();
        while (Instant.now().isBefore(quietUntil)) {
            Optional<Arrival> arrival = listener.next(Duration.between(Instant.now(), quietUntil));
            if (arrival.isEmpty()) {
                break;
            }
            Duration at = Duration.between(firstSeen, Instant.now());
            boolean same = arrival.get().messageId().equals(messageId);
            record(session, (same ? "retry" : "another message") + " after " + seconds(at) + " (answered 503)", arrival.get());
            if (same) {
                sinceFirst.add(at);
                if (at.compareTo(retry.window()) > 0) {
                    late.add(at);
                }
            }
        }
        String seen = "message " + messageId.get() + " was sent " + (sinceFirst.size() + 1) + " time(s)"
                + (sinceFirst.isEmpty() ? "" : ", again after " + String.join(", ", sinceFirst.stream()
                        .map(ListenProbes::seconds).toList()));
        if (sinceFirst.isEmpty()) {
            return Verdict.fail(seen + ": no retry within " + seconds(retry.window().plus(grace)) + " although no receipt came"
                    + " and its reception awareness (" + retry.spec() + ") allows " + retry.retries());
        }
        if (sinceFirst.size() > retry.retries()) {
            return Verdict.fail(seen + ": " + sinceFirst.size() + " retries, more than the " + retry.retries() + " its"
                    + " reception awareness (" + retry.spec() + ") allows");
        }
        if (!late.isEmpty()) {
            return Verdict.fail(seen + ": still sending after the window of " + seconds(retry.window()) + " ("
                    + retry.spec() + ") had passed; it must give up with EBMS:0301");
        }
        return Verdict.pass(seen + ", then stopped within its window of " + seconds(retry.window()) + " (" + retry.spec()
                + ", at most " + retry.retries() + " retries; none came in the " + seconds(grace) + " after it). Whether"
                + " EBMS:0301 reached the target's producer cannot be seen from the wire: look at its backend or"
                + " operator view");
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private static Verdict nothingArrived(Session session) {
        return Verdict.fail("no message arrived within " + session.settings().listenWait().toSeconds() + " s at the suite's"
                + " endpoint http://" + session.settings().listenHost() + ":" + session.listener().port()
                + "/ ; make the target send a message with a payload to party '" + session.settings().ourParty() + "' there");
    }

    static void record(Session session, String title, Arrival arrival) {
        Map<String, String> headers = arrival.headers().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> String.join(", ", e.getValue())));
        List<String> payloads = arrival.inspection().map(i -> i.payloads().stream()
                .map(p -> p.href() + " " + p.partProperties() + p.content().map(c -> ", " + c.length + " bytes after"
                        + " decryption and gunzip").orElse("") + p.problem().map(x -> ", " + x).orElse("")).toList())
                .orElse(List.of());
        session.record(new Transcript(title + " (received by the suite)", headers,
                arrival.inspection().map(Inspection::soapText).orElse(arrival.unreadable()), payloads,
                "suite answered HTTP " + arrival.answeredStatus(), Map.of(), arrival.answeredBody(),
                arrival.inspection().flatMap(Inspection::securityProblem).orElse("signature verified, attachments decrypted")));
    }
}
