package org.imigateway.conformance.cases;

import static org.imigateway.conformance.cases.CooperationCases.caseId;
import static org.imigateway.conformance.cases.CooperationCases.request;
import static org.imigateway.conformance.cases.CooperationCases.step;
import static org.imigateway.conformance.cases.CooperationProbes.document;
import static org.imigateway.conformance.cases.CooperationProbes.expectAnswer;
import static org.imigateway.conformance.cases.CooperationProbes.send;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.imigateway.conformance.cases.CooperationProbes.Failed;
import org.imigateway.conformance.cases.CooperationProbes.Receipted;
import org.imigateway.conformance.cases.CooperationProbes.Step;
import org.imigateway.conformance.run.ImiAuthorities;
import org.imigateway.conformance.run.Session;
import org.imigateway.conformance.run.Verdict;
import org.imigateway.schemas.imi.ImiDocumentType;

/** The steps of one case in order: each forwarded or refused as expected, or the first that was not. */
final class RequestSteps {

    private final Session session;
    final String requester;
    final String responder;
    final String caseId;
    private final List<String> done = new ArrayList<>();
    private Optional<Verdict> failure = Optional.empty();

    private RequestSteps(Session session) {
        ImiAuthorities imi = session.settings().imi();
        this.session = session;
        this.requester = imi.authority().orElseThrow();
        this.responder = imi.peer().orElseThrow();
        this.caseId = caseId(requester);
    }

    /** A new case: --authority's request Submit to --peer-authority, forwarded to the peer. */
    static RequestSteps submitted(Session session, LocalDate answerBy) throws InterruptedException {
        RequestSteps steps = new RequestSteps(session);
        steps.passedOn(ImiDocumentType.REQUEST_SUBMIT, steps.requester, steps.responder, request(steps.caseId,
                steps.requester, steps.responder, answerBy.toString()));
        return steps;
    }

    String acceptance(String from, String to) {
        return step("acceptance", caseId, from, to, "<answerBy>" + LocalDate.now(ZoneOffset.UTC).plusDays(20)
                + "</answerBy>");
    }

    /** Sends a step and expects the hub to pass it on to {@code to}. */
    void passedOn(ImiDocumentType type, String from, String to, String xml) throws InterruptedException {
        expect(type, from, to, xml, type.action(), to, "id=\"" + caseId + "\"");
    }

    /** Sends a step the workflow does not allow and expects a Refuse naming {@code state} and the action. */
    void refused(ImiDocumentType type, String from, String to, String xml, String state) throws InterruptedException {
        expect(type, from, to, xml, ImiDocumentType.HUB_REFUSAL.action(), from, "<state>" + state + "</state>",
                "<action>" + type.action() + "</action>");
    }

    private void expect(ImiDocumentType type, String from, String to, String xml, String answerAction, String answerTo,
            String... texts) throws InterruptedException {
        if (failure.isPresent()) {
            return;
        }
        String title = type.action() + " " + from + " -> " + to;
        Step sent = send(session, title, document(session, type, from, to, xml));
        if (sent instanceof Failed failed) {
            failure = Optional.of(failed.verdict());
            return;
        }
        Verdict answer = expectAnswer(session, ((Receipted) sent).messageId(), answerAction, answerTo, texts);
        if (answer.status() != Verdict.Status.PASS) {
            failure = Optional.of(Verdict.fail("case " + caseId + (done.isEmpty() ? "" : " after " + String.join(", ",
                    done)) + ": " + title + ": " + answer.message()));
            return;
        }
        done.add(answerAction.equals(type.action()) ? type.action() : type.action() + " refused");
    }

    /** The first step that went otherwise than expected, if one did. */
    Optional<Verdict> failure() {
        return failure;
    }

    Verdict verdict() {
        return failure.orElseGet(() -> Verdict.pass("case " + caseId + ": " + String.join(", ", done)));
    }
}
