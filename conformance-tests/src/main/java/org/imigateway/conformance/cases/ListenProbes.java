package org.imigateway.conformance.cases;

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
            Optional<Arrival> arrival = listener.next(java.time.Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
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
