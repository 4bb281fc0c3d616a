package org.imigateway.conformance.cases;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.imigateway.conformance.run.Session;
import org.imigateway.conformance.run.Verdict;
import org.imigateway.conformance.wire.Draft;
import org.imigateway.conformance.wire.Signal;

/** The two judgements most cases make: the message is receipted, or it is refused with an ebMS error. */
final class Probes {

    private Probes() {
    }

    /** The changed message must get a signed receipt whose NRR digests are those the suite signed. */
    static Probe accepted(UnaryOperator<Draft> change) {
        return session -> {
            Session.Exchange exchange = session.send("message", session.compose(change.apply(session.draft())));
            return judgeReceipt(session, exchange, "");
        };
    }

    static Verdict judgeReceipt(Session session, Session.Exchange exchange, String what) {
        Optional<String> problem = session.receiptProblem(exchange);
        return problem.map(p -> Verdict.fail(what + p))
                .orElseGet(() -> Verdict.pass(what + "signed receipt from the target, NRR digests match what was signed"));
    }

    /**
     * The changed message must be refused with an ebMS error of failure severity; with {@code codes}
     * given, with one of them. {@code because} says why it must be refused, for the failure message.
     */
    static Probe refused(String because, UnaryOperator<Draft> change, String... codes) {
        return session -> judgeRefusal(session.send("message", session.compose(change.apply(session.draft()))),
                because, Set.of(codes));
    }

    static Verdict judgeRefusal(Session.Exchange exchange, String because, Set<String> codes) {
        String expected = codes.isEmpty() ? "an ebMS error" : "ebMS error " + String.join(" or ", codes.stream().sorted().toList());
        if (exchange.signal().isEmpty()) {
            return Verdict.fail("expected " + expected + " because " + because + ", but " + exchange.reading());
        }
        Signal signal = exchange.signal().get();
        if (signal.receipt()) {
            return Verdict.fail("the target answered with a receipt, accepting a message it must refuse because "
                    + because + " (expected " + expected + ")");
        }
        List<Signal.Error> failures = signal.errors().stream()
                .filter(e -> e.severity().equalsIgnoreCase("failure")).toList();
        if (failures.isEmpty()) {
            return Verdict.fail("expected " + expected + " of severity failure because " + because + ", got "
                    + signal.describe());
        }
        Optional<Signal.Error> matching = failures.stream().filter(e -> codes.isEmpty() || codes.contains(e.code())).findFirst();
        return matching.map(e -> Verdict.pass("refused as it must be: " + e))
                .orElseGet(() -> Verdict.fail("refused with " + failures.get(0) + ", but " + because + " calls for "
                        + expected));
    }
}
