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
     * The changed message must be refused with an ebMS error of failure severity. {@code codes}
     * are the codes the ebMS specification gives for the fault: another code still counts as a
     * refusal, and the verdict names the difference. {@code because} says why it must be refused.
     */
    static Probe refused(String because, UnaryOperator<Draft> change, String... codes) {
        return session -> judgeRefusal(session.send("message", session.compose(change.apply(session.draft()))),
                because, Set.of(codes), false);
    }

    /** As {@link #refused}, for faults where the TAD names the one code: another code fails the case. */
    static Probe refusedExactly(String because, UnaryOperator<Draft> change, String code) {
        return session -> judgeRefusal(session.send("message", session.compose(change.apply(session.draft()))),
                because, Set.of(code), true);
    }

    static Verdict judgeRefusal(Session.Exchange exchange, String because, Set<String> codes, boolean exact) {
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
        if (matching.isPresent()) {
            return Verdict.pass("refused as it must be: " + matching.get());
        }
        String mismatch = "refused with " + failures.get(0) + ", but " + because + " calls for " + expected;
        return exact ? Verdict.fail(mismatch) : Verdict.pass(mismatch + " (accepted: the message was refused)");
    }
}
