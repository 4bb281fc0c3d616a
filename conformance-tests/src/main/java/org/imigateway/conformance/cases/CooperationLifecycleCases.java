package org.imigateway.conformance.cases;

import static org.imigateway.conformance.cases.CooperationCases.caseId;
import static org.imigateway.conformance.cases.CooperationCases.listening;
import static org.imigateway.conformance.cases.CooperationCases.sendAlert;
import static org.imigateway.conformance.cases.CooperationCases.step;
import static org.imigateway.conformance.cases.CooperationProbes.document;
import static org.imigateway.conformance.cases.CooperationProbes.expectAnswer;
import static org.imigateway.conformance.cases.CooperationProbes.send;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.imigateway.conformance.cases.CooperationProbes.Failed;
import org.imigateway.conformance.cases.CooperationProbes.Receipted;
import org.imigateway.conformance.cases.CooperationProbes.Step;
import org.imigateway.conformance.listen.Arrival;
import org.imigateway.conformance.run.ImiAuthorities;
import org.imigateway.conformance.run.Session;
import org.imigateway.conformance.run.Verdict;
import org.imigateway.schemas.imi.ImiDocumentType;

/**
 * The cooperation cases that follow a procedure past its first step: a request through every
 * step to Close, a request forwarded to another authority, steps out of order or from the wrong
 * party, an alert withdrawn or closed, a registration approved by the right coordinator and the
 * overdue notice of a request. Each step
 * is a business document the suite sends as one of its authorities; what the hub forwards comes
 * back to the suite, which serves the addressee too.
 */
final class CooperationLifecycleCases {

    private static final String QUESTION = "<answer question=\"document-authentic\"><yesNo>true</yesNo></answer>";

    private CooperationLifecycleCases() {
    }

    static Case requestLifecycle() {
        return listening("coop-request-lifecycle", "A request goes through every step of its workflow to Close, each"
                + " forwarded to the other authority", "Submit, ProposeAnswerBy, Accept, AskInformation, GiveInformation,"
                + " Answer, Close between --authority and --peer-authority (Forward: coop-request-forward)",
                CooperationLifecycleCases::lifecycle);
    }

    static Case requestForwarded() {
        return new Case("coop-request-forward", "A request forwarded by its responder is held by the new authority,"
                + " which deals with the requester from then on; a Forward after the answer is refused",
                "Submit to --peer-authority, its Forward to --forward-authority; the peer's Accept is refused, the new"
                        + " authority's Accept and Answer reach the requester, its Forward after the Answer is refused"
                        + " (state ANSWERED)", Role.SEND, Scope.IMI_EXTENSION,
                Set.of(Need.IMI_AUTHORITIES, Need.IMI_FORWARDEE, Need.ENCRYPTION_KEY), CooperationLifecycleCases::forwarded);
    }

    static Case stepAfterClose() {
        return listening("coop-request-after-close", "A step after Close is answered by a Refuse naming state CLOSED",
                "Submit, Close, then the peer's Accept: the hub answers with Refuse (state CLOSED, action Accept)",
                CooperationLifecycleCases::afterClose);
    }

    static Case stepByTheWrongParty() {
        return listening("coop-request-wrong-party", "A step taken by the wrong party is answered by a Refuse naming it",
                "Submit, then Accept from the requester (it is the responder's step): the hub answers with Refuse (state"
                        + " SENT, action Accept)", CooperationLifecycleCases::wrongParty);
    }

    static Case alertEnded(ImiDocumentType end) {
        String verb = end == ImiDocumentType.ALERT_WITHDRAW ? "withdraw" : "close";
        return listening("coop-alert-" + verb, "An alert " + end.action() + " reaches the same recipients as its Send; a"
                + " second end is refused", "Alert Send to the country of --peer-authority, then " + end.action()
                + ", then Close again: the same recipients get the " + end.action() + ", the last gets a Refuse",
                session -> ended(session, end));
    }

    static Case registration() {
        return new Case("coop-registration", "A registration goes to the responsible coordinator, whose approval makes"
                + " the authority active", "Register a new authority of the country of --coordinator-authority, granted"
                + " pq-request; the coordinator approves; the new authority's directory Search is answered", Role.SEND,
                Scope.IMI_EXTENSION, Set.of(Need.IMI_AUTHORITIES, Need.IMI_COORDINATOR, Need.ENCRYPTION_KEY),
                CooperationLifecycleCases::registered);
    }

    static Case overdue() {
        return listening("coop-overdue", "A request whose answer-by date has passed raises an Overdue notice to both"
                + " authorities", "Submit with answerBy yesterday; the hub's overdue timer sends Overdue to the requester"
                + " and the responder (--listen-wait must exceed the hub's overdue check period)",
                CooperationLifecycleCases::overdueRaised);
    }

    private static Verdict lifecycle(Session session) throws Exception {
        RequestSteps steps = RequestSteps.submitted(session, LocalDate.now(ZoneOffset.UTC).plusDays(20));
        String requester = steps.requester;
        String responder = steps.responder;
        String caseId = steps.caseId;
        String later = LocalDate.now(ZoneOffset.UTC).plusDays(30).toString();
        steps.passedOn(ImiDocumentType.REQUEST_PROPOSE_ANSWER_BY, responder, requester, step("answerByProposal", caseId,
                responder, requester, "<answerBy>" + later + "</answerBy>"));
        steps.passedOn(ImiDocumentType.REQUEST_ACCEPT, requester, responder, step("acceptance", caseId, requester, responder,
                "<answerBy>" + later + "</answerBy>"));
        steps.passedOn(ImiDocumentType.REQUEST_ASK_INFORMATION, responder, requester, step("furtherInformation", caseId,
                responder, requester, "<text lang=\"en\">Please send the diploma's annex.</text>"));
        steps.passedOn(ImiDocumentType.REQUEST_GIVE_INFORMATION, requester, responder, step("furtherInformation", caseId,
                requester, responder, "<text lang=\"en\">The annex is attached in the national system.</text>"));
        steps.passedOn(ImiDocumentType.REQUEST_ANSWER, responder, requester, step("answers", caseId, responder, requester,
                QUESTION));
        steps.passedOn(ImiDocumentType.REQUEST_CLOSE, requester, responder, step("closure", caseId, requester, responder, ""));
        return steps.verdict();
    }

    /**
     * pq-request's workflow: Forward (responder, in SENT or ACCEPTED) hands the case over to a new
     * authority and puts it back to SENT; in ANSWERED there is no Forward.
     */
    private static Verdict forwarded(Session session) throws Exception {
        RequestSteps steps = RequestSteps.submitted(session, LocalDate.now(ZoneOffset.UTC).plusDays(20));
        String requester = steps.requester;
        String first = steps.responder;
        String holder = session.settings().imi().forwardee().orElseThrow();
        String caseId = steps.caseId;
        steps.passedOn(ImiDocumentType.REQUEST_FORWARD, first, holder, step("forwarding", caseId, first, holder,
                "<reason lang=\"en\">The competent authority for this profession (conformance test).</reason>"));
        // the first responder takes no part any more: its Accept meets the case in SENT and is refused
        steps.refused(ImiDocumentType.REQUEST_ACCEPT, first, requester, steps.acceptance(first, requester), "SENT");
        steps.passedOn(ImiDocumentType.REQUEST_ACCEPT, holder, requester, steps.acceptance(holder, requester));
        steps.passedOn(ImiDocumentType.REQUEST_ANSWER, holder, requester, step("answers", caseId, holder, requester, QUESTION));
        steps.refused(ImiDocumentType.REQUEST_FORWARD, holder, first, step("forwarding", caseId, holder, first,
                "<reason lang=\"en\">Forwarded after answering (conformance test).</reason>"), "ANSWERED");
        return steps.verdict();
    }

    private static Verdict afterClose(Session session) throws Exception {
        RequestSteps steps = RequestSteps.submitted(session, LocalDate.now(ZoneOffset.UTC).plusDays(20));
        steps.passedOn(ImiDocumentType.REQUEST_CLOSE, steps.requester, steps.responder, step("closure", steps.caseId,
                steps.requester, steps.responder, ""));
        steps.refused(ImiDocumentType.REQUEST_ACCEPT, steps.responder, steps.requester, steps.acceptance(steps.responder,
                steps.requester), "CLOSED");
        return steps.verdict();
    }

    private static Verdict wrongParty(Session session) throws Exception {
        RequestSteps steps = RequestSteps.submitted(session, LocalDate.now(ZoneOffset.UTC).plusDays(20));
        steps.refused(ImiDocumentType.REQUEST_ACCEPT, steps.requester, steps.responder, steps.acceptance(steps.requester,
                steps.responder), "SENT");
        return steps.verdict();
    }

    private static Verdict ended(Session session, ImiDocumentType end) throws Exception {
        String from = session.settings().imi().authority().orElseThrow();
        String caseId = caseId(from);
        Step sent = sendAlert(session, caseId);
        String peer = session.settings().imi().peer().orElseThrow();
        if (sent instanceof Failed failed) {
            return failed.verdict();
        }
        Set<String> alerted = recipients(session, ((Receipted) sent).messageId(), ImiDocumentType.ALERT_SEND, peer);
        if (!alerted.contains(peer)) {
            return CooperationProbes.noAnswer(session, "alert Send for " + peer, ((Receipted) sent).messageId());
        }
        String endXml = "<alertEnd xmlns=\"urn:imigateway:imi:alert:1\"><case procedure=\"pq-alert\" id=\"" + caseId
                + "\"/><from>" + from + "</from><reason lang=\"en\">Conformance test: " + end.action() + "</reason></alertEnd>";
        Step ending = send(session, "alert " + end.action(), document(session, end, from, from, endXml));
        if (ending instanceof Failed failed) {
            return failed.verdict();
        }
        Set<String> told = recipients(session, ((Receipted) ending).messageId(), end, alerted);
        if (!told.equals(alerted)) {
            return Verdict.fail("the alert Send reached " + alerted + " of the authorities the suite serves, its "
                    + end.action() + " reached " + told);
        }
        Step again = send(session, "alert Close after " + end.action(), document(session, ImiDocumentType.ALERT_CLOSE, from,
                from, endXml.replace(end.action(), "Close again")));
        if (again instanceof Failed failed) {
            return failed.verdict();
        }
        String state = end == ImiDocumentType.ALERT_WITHDRAW ? "WITHDRAWN" : "CLOSED";
        Verdict refused = expectAnswer(session, ((Receipted) again).messageId(), ImiDocumentType.HUB_REFUSAL.action(), from,
                "<state>" + state + "</state>", "<action>Close</action>");
        if (refused.status() != Verdict.Status.PASS) {
            return refused;
        }
        return Verdict.pass("alert " + caseId + ": Send and " + end.action() + " both reached " + told + "; a Close after"
                + " it was refused naming state " + state);
    }

    /**
     * The authorities the hub's copies answering {@code refTo} went to: waits until each of
     * {@code awaited} has one (or the listen wait ends), then half a second longer for copies to others.
     */
    private static Set<String> recipients(Session session, String refTo, ImiDocumentType type, Set<String> awaited)
            throws InterruptedException {
        Set<String> seen = new TreeSet<>();
        while (!seen.containsAll(awaited)) {
            Optional<HubAnswer> copy = CooperationProbes.answerTo(session, refTo, a -> a.action().equals(type.action()));
            if (copy.isEmpty()) {
                return seen;
            }
            seen.add(copy.get().finalRecipient());
        }
        long until = System.nanoTime() + Duration.ofMillis(500).toNanos();
        while (System.nanoTime() < until) {
            Optional<Arrival> arrival = session.listener().next(Duration.ofNanos(Math.max(1, until - System.nanoTime())));
            if (arrival.isEmpty()) {
                break;
            }
            Optional<HubAnswer> copy = HubAnswer.of(arrival.get()).filter(a -> a.refToMessageId().equals(refTo)
                    && a.action().equals(type.action()));
            ListenProbes.record(session, copy.isPresent() ? "the hub's copy" : "another message from the hub", arrival.get());
            copy.ifPresent(c -> seen.add(c.finalRecipient()));
        }
        return seen;
    }

    private static Set<String> recipients(Session session, String refTo, ImiDocumentType type, String awaited)
            throws InterruptedException {
        return recipients(session, refTo, type, Set.of(awaited));
    }

    private static Verdict registered(Session session) throws Exception {
        ImiAuthorities imi = session.settings().imi();
        String coordinator = imi.coordinator().orElseThrow();
        String country = coordinator.substring(0, 2);
        String applicant = country + "-CONF-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String registration = "<registration xmlns=\"urn:imigateway:imi:directory:1\"><authority id=\"" + applicant
                + "\" country=\"" + country + "\"><name lang=\"en\">Conformance test authority " + applicant + "</name>"
                + "<accessPoint>" + session.settings().ourParty() + "</accessPoint><grant policyArea=\"professional-"
                + "qualifications\"><procedure>pq-request</procedure></grant></authority></registration>";
        Step registered = send(session, "directory Register of " + applicant, document(session,
                ImiDocumentType.DIRECTORY_REGISTER, applicant, applicant, registration));
        if (registered instanceof Failed failed) {
            return failed.verdict();
        }
        String registerId = ((Receipted) registered).messageId();
        Optional<HubAnswer> passedOn = CooperationProbes.answerTo(session, registerId,
                a -> a.action().equals(ImiDocumentType.DIRECTORY_REGISTER.action()));
        if (passedOn.isEmpty()) {
            return CooperationProbes.noAnswer(session, "Register for a coordinator", registerId);
        }
        if (!passedOn.get().finalRecipient().equals(coordinator)) {
            return Verdict.fail("the registration of " + applicant + " went to " + passedOn.get().finalRecipient()
                    + ", not to " + coordinator + ", the coordinator responsible for it");
        }
        String decision = "<decision xmlns=\"urn:imigateway:imi:directory:1\"><from>" + coordinator + "</from><authority>"
                + applicant + "</authority><outcome>approve</outcome></decision>";
        Step decided = send(session, "directory Decide (approve) by " + coordinator, document(session,
                ImiDocumentType.DIRECTORY_DECIDE, coordinator, applicant, decision));
        if (decided instanceof Failed failed) {
            return failed.verdict();
        }
        Verdict told = expectAnswer(session, ((Receipted) decided).messageId(), ImiDocumentType.DIRECTORY_DECIDE.action(),
                applicant, "approve");
        if (told.status() != Verdict.Status.PASS) {
            return told;
        }
        // the hub answers a search only from an active authority: the answer shows the approval took effect
        Step search = send(session, "directory Search by " + applicant, document(session, ImiDocumentType.DIRECTORY_SEARCH,
                applicant, applicant, "<search xmlns=\"urn:imigateway:imi:directory:1\" searchId=\"s-registration\"><from>"
                        + applicant + "</from><text>Conformance test authority</text></search>"));
        if (search instanceof Failed failed) {
            return failed.verdict();
        }
        Verdict active = expectAnswer(session, ((Receipted) search).messageId(), ImiDocumentType.DIRECTORY_RESULT.action(),
                applicant, applicant);
        if (active.status() != Verdict.Status.PASS) {
            return active;
        }
        return Verdict.pass("the registration of " + applicant + " went to " + coordinator + "; its approval reached "
                + applicant + ", whose directory Search was then answered with a SearchResult naming it");
    }

    private static Verdict overdueRaised(Session session) throws Exception {
        LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        RequestSteps steps = RequestSteps.submitted(session, yesterday);
        String requester = steps.requester;
        String responder = steps.responder;
        String caseId = steps.caseId;
        if (steps.failure().isPresent()) {
            return steps.failure().get();
        }
        Set<String> notified = new TreeSet<>();
        for (int i = 0; i < 2 && notified.size() < 2; i++) {
            Optional<HubAnswer> notice = CooperationProbes.awaitAnswer(session, a -> a.action().equals(
                    ImiDocumentType.HUB_OVERDUE.action()) && a.document().contains("id=\"" + caseId + "\""));
            if (notice.isEmpty()) {
                break;
            }
            notified.add(notice.get().finalRecipient());
        }
        if (!notified.equals(new TreeSet<>(List.of(requester, responder)))) {
            return Verdict.fail("request " + caseId + " with answerBy " + yesterday + ": within "
                    + session.settings().listenWait().toSeconds() + " s the hub sent Overdue to " + (notified.isEmpty()
                            ? "nobody" : notified) + ", not to both " + requester + " and " + responder);
        }
        return Verdict.pass("request " + caseId + " with answerBy " + yesterday + ": Overdue reached " + notified);
    }
}
